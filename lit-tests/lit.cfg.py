# lit configuration: each .wat (or .test) file here is a test whose RUN lines
# run wasm-asyncify and whose CHECK lines FileCheck the output.
import os
import sys

import lit.formats

config.name = "wasm-asyncify"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".wat", ".test"]
config.excludes = ["Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.wa_build_dir, "lit-tests")

llvm_bin = "/usr/lib/llvm-14/bin"
config.environment["PATH"] = os.pathsep.join(
    [config.wa_build_dir, llvm_bin, os.environ.get("PATH", "/usr/bin:/bin")])
config.substitutions.append(("%wasm-asyncify", os.path.join(config.wa_build_dir, "wasm-asyncify")))
config.substitutions.append(("%source", config.wa_source_dir))
# The interpreter lit runs under (a pyenv shim costs 0.2 s per start), and the
# helper that prints selected fields of a --report document for FileCheck.
config.substitutions.append(
    ("%report-fields", f"{sys.executable} {os.path.join(config.test_source_root, 'report_fields.py')}"))
config.substitutions.append(("%python", sys.executable))
