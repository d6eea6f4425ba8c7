"""Writes a small module that WABT refuses, byte by byte, to standard output.

Default: `main` adds an i64 to an i32 (a type mismatch; Binaryen's reader
builds it without complaint and only its validator objects).
--bad-opcode: `main` holds the unassigned opcode 0xff (Binaryen's reader ends
the process at once).
"""
import sys


def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def section(ident, payload):
    return bytes([ident]) + leb(len(payload)) + payload


def name(s):
    return leb(len(s)) + s.encode()


if "--bad-opcode" in sys.argv[1:]:
    body = bytes([0x41, 0x01, 0xFF, 0x1A, 0x41, 0x00, 0x0B])  # i32.const 1, 0xff, drop, i32.const 0
else:
    body = bytes([0x42, 0x01, 0x41, 0x02, 0x6A, 0x0B])  # i64.const 1, i32.const 2, i32.add
body = leb(0) + body  # no locals

module = b"\0asm" + bytes([1, 0, 0, 0])
module += section(1, leb(2) + bytes([0x60, 0, 0]) + bytes([0x60, 0, 1, 0x7F]))  # () -> (), () -> i32
module += section(2, leb(1) + name("env") + name("sleep") + bytes([0x00]) + leb(0))
module += section(3, leb(1) + leb(1))
module += section(5, leb(1) + bytes([0x00, 0x01]))
module += section(7, leb(1) + name("main") + bytes([0x00]) + leb(1))
module += section(10, leb(1) + leb(len(body)) + body)
sys.stdout.buffer.write(module)
