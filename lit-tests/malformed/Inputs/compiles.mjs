// Compiles each module named on the command line with the engine (V8), which
// enforces the JS API's limits (50000 locals, ...) that validators do not;
// exits 1 naming the first one that does not compile.
import fs from 'node:fs';

for (const file of process.argv.slice(2)) {
  try {
    await WebAssembly.compile(fs.readFileSync(file));
  } catch (e) {
    console.error(`${file}: does not compile: ${e.message}`);
    process.exit(1);
  }
}
