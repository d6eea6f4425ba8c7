// Errors the runtime raises. Each says what happened and what to change.

/** A suspended call needed more bytes of saved frames than its data block holds. */
export class DataBlockOverflowError extends Error {
  constructor(exportName, needed, capacity) {
    super(`data block overflow in ${exportName}(): unwinding its stack needed ${needed} bytes ` +
          `but the data block holds ${capacity}; pass { dataSize: ${roundUp(needed)} } ` +
          `(or more) to instantiate() to raise it`);
    this.name = 'DataBlockOverflowError';
    this.exportName = exportName;
    this.bytesNeeded = needed;
    this.dataSize = capacity;
  }
}

/** The runtime was used in a way that cannot work (the message says how to fix it). */
export class AsyncifyRuntimeError extends Error {
  constructor(message) {
    super(message);
    this.name = 'AsyncifyRuntimeError';
  }
}

function roundUp(n) { return Math.ceil((n + 1) / 4096) * 4096; }
