#!/usr/bin/env python3
"""Writes one malformed or odd wasm binary to standard output.

    gen.py CASE > CASE.wasm

The lit tests in lit-tests/malformed/ build their inputs with it (a binary
cannot be a .wat file, and printf escapes are unreadable for more than a few
bytes). Each case is a function below; its docstring says what is wrong with
the bytes. `gen.py --list` prints the case names.

The modules are assembled from sections by hand, so that every byte (each
LEB128, each size) is exactly what the case needs, including sizes that lie.
"""

import sys

MAGIC = b"\0asm\1\0\0\0"

# Section ids.
CUSTOM, TYPE, IMPORT, FUNC, TABLE, MEMORY, GLOBAL, EXPORT, START, ELEM, CODE, DATA, DATACOUNT = range(13)

# Opcodes and types used below.
END, CALL, LOCAL_GET, I32_CONST, DROP, I32_LOAD, UNREACHABLE = 0x0B, 0x10, 0x20, 0x41, 0x1A, 0x28, 0x00
I32 = 0x7F
FUNCREF = 0x70


def uleb(n):
    """Minimal unsigned LEB128."""
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(n):
    """Minimal signed LEB128."""
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def padded_uleb(n, length):
    """Unsigned LEB128 of `n` stretched to `length` bytes with 0x80 padding
    (valid up to 5 bytes for a u32: the spec allows non-minimal encodings)."""
    out = bytearray()
    for i in range(length):
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if i + 1 < length else 0))
    assert n == 0, "value does not fit"
    return bytes(out)


def name(s):
    b = s.encode()
    return uleb(len(b)) + b


def vec(items):
    return uleb(len(items)) + b"".join(items)


def section(sid, payload, size=None):
    """A section; `size` overrides the encoded size (bytes, already LEB128)."""
    return bytes([sid]) + (uleb(len(payload)) if size is None else size) + payload


def functype(params=(), results=()):
    return b"\x60" + vec([bytes([p]) for p in params]) + vec([bytes([r]) for r in results])


def import_func(module, base, typeidx):
    return name(module) + name(base) + b"\x00" + uleb(typeidx)


def export(nm, kind, index):
    return name(nm) + bytes([kind]) + uleb(index)


def body(code, locals_=b"\x00"):
    """A function body: `locals_` is the encoded local declarations vector."""
    payload = locals_ + code
    return uleb(len(payload)) + payload


def name_section(funcs):
    """A name section with a function-names subsection (index, name) pairs."""
    sub = vec([uleb(i) + name(n) for i, n in funcs])
    return section(CUSTOM, name("name") + b"\x01" + uleb(len(sub)) + sub)


# The base module most cases start from: func 0 is the import env.sleep,
# func 1 ($main, exported as "main") calls it. Memory of one page.
TYPES = section(TYPE, vec([functype()]))
IMPORTS = section(IMPORT, vec([import_func("env", "sleep", 0)]))
FUNCS = section(FUNC, vec([uleb(0)]))
MEMORY1 = section(MEMORY, vec([b"\x00" + uleb(1)]))
EXPORTS = section(EXPORT, vec([export("main", 0, 1)]))
MAIN_BODY = body(bytes([CALL]) + uleb(0) + bytes([END]))
CODE1 = section(CODE, vec([MAIN_BODY]))
NAMES = name_section([(0, "sleep"), (1, "main")])


def module(*sections):
    return MAGIC + b"".join(sections)


def base():
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1, NAMES)


# --- 1. truncated sections -----------------------------------------------


def valid():
    """The base module, well formed: env.sleep, main calls it, a name section."""
    return base()


def cut_in_code_body():
    """The file ends inside main's body, after `call` and before its index."""
    whole = base()
    code_at = whole.index(CODE1)
    # section id, size, count, body size, local decl count, `call` opcode
    return whole[: code_at + 6]


def body_size_past_section():
    """main's body says it is 9 bytes long; the code section holds 4 of them."""
    bad_body = uleb(9) + b"\x00" + bytes([CALL]) + uleb(0) + bytes([END])
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([bad_body])), NAMES)


def body_ends_mid_instruction():
    """main's body size stops after `i32.const`'s opcode: its immediate and
    the `end` are outside the body (they are the next bytes of the section)."""
    code = bytes([I32_CONST]) + sleb(1000) + bytes([DROP, END])
    bad_body = uleb(2) + b"\x00" + code  # the size covers the local count and the opcode
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([bad_body])), NAMES)


def body_ends_inside_block():
    """main's body is `block (type 0) end`: its last `end` closes the
    block, and the function's own `end` is missing. WABT 1.0.32 accepts it;
    Binaryen aborts on it."""
    bad_body = body(bytes([0x02, 0x00, END]))
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([bad_body])), NAMES)


def cut_in_import_section():
    """The file ends inside the import section, in the field name `sleep`."""
    whole = base()
    at = whole.index(b"sleep")
    return whole[: at + 2]


def import_name_past_section():
    """The import section's size is right, but the field name's length (100)
    runs past the end of the section."""
    bad = name("env") + uleb(100) + b"sleep" + b"\x00" + uleb(0)
    return module(TYPES, section(IMPORT, vec([bad])), FUNCS, MEMORY1, EXPORTS, CODE1, NAMES)


def cut_in_name_section():
    """The file ends inside the name section (the last section), in the
    middle of the name `main`."""
    whole = base()
    return whole[:-2]


def name_subsection_past_section():
    """The name section is complete as a section, but its function-names
    subsection says it is 40 bytes long and the section holds 12."""
    sub = vec([uleb(0) + name("sleep"), uleb(1) + name("main")])
    payload = name("name") + b"\x01" + uleb(40) + sub
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1, section(CUSTOM, payload))


def name_entry_past_subsection():
    """A function-names subsection whose second name says 50 bytes; the
    subsection (and section) end after 4."""
    sub = uleb(2) + uleb(0) + name("sleep") + uleb(1) + uleb(50) + b"main"
    payload = name("name") + b"\x01" + uleb(len(sub)) + sub
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1, section(CUSTOM, payload))


def cut_in_custom_section():
    """The file ends inside a custom section `producers`-like `extra`."""
    extra = section(CUSTOM, name("extra") + b"0123456789")
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1, extra)[:-4]


def custom_name_past_section():
    """A custom section of 3 bytes whose name says it is 20 bytes long."""
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1,
                  section(CUSTOM, uleb(20) + b"ab"))


# --- 2. bad LEB128 numbers -----------------------------------------------

SIX_BYTE_ONE = b"\x81\x80\x80\x80\x80\x00"  # 1 in six bytes: one too many for a u32
U32_TOO_BIG = b"\xff\xff\xff\xff\x7f"  # five bytes, but the value needs 35 bits
FIVE_BYTE_ONE = padded_uleb(1, 5)  # 1 in five bytes: overlong but valid


def leb_count_too_long():
    """The type section's count (1) is six bytes long."""
    payload = SIX_BYTE_ONE + functype()
    return module(section(TYPE, payload), IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1)


def leb_count_too_big():
    """The function section's count is a five-byte LEB128 whose last byte
    has bits above bit 31 set (0xff 0xff 0xff 0xff 0x7f)."""
    payload = U32_TOO_BIG + uleb(0)
    return module(TYPES, IMPORTS, section(FUNC, payload), MEMORY1, EXPORTS, CODE1)


def leb_local_count_too_long():
    """main's one local declaration has a count (1) six bytes long."""
    locals_ = uleb(1) + SIX_BYTE_ONE + bytes([I32])
    b = body(bytes([CALL]) + uleb(0) + bytes([END]), locals_)
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([b])))


def leb_local_count_unterminated():
    """main's local declaration count is 0x80 0x80: the continuation bit is
    set on the last byte of the body."""
    b = body(b"", b"\x01\x80\x80")
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([b])))


def leb_call_index_too_big():
    """`call`'s function index is 0xff 0xff 0xff 0xff 0x7f."""
    b = body(bytes([CALL]) + U32_TOO_BIG + bytes([END]))
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([b])))


def leb_i32_const_too_long():
    """`i32.const`'s immediate is a signed LEB128 six bytes long."""
    b = body(bytes([I32_CONST]) + SIX_BYTE_ONE + bytes([DROP, CALL]) + uleb(0) + bytes([END]))
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([b])))


def leb_memarg_offset_unterminated():
    """The last thing in the file is an `i32.load` whose offset LEB128 never
    ends (every byte has the continuation bit) until the body does."""
    code = bytes([I32_CONST, 0, I32_LOAD, 2]) + b"\x80\x80\x80"
    b = body(code)
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([b])))


def leb_section_size_unterminated():
    """The file ends in the middle of the code section's size."""
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS) + bytes([CODE]) + b"\x80\x80"


def leb_overlong_valid():
    """Every number that can be is written in five bytes (0x80-padded):
    section sizes, counts, the local count, the call index. That is allowed
    by the spec (a u32 LEB128 may take up to five bytes), so this module is
    valid and is the base module with a local."""
    L = lambda n: padded_uleb(n, 5)

    def sec(sid, payload):
        return bytes([sid]) + L(len(payload)) + payload

    types = sec(TYPE, L(1) + b"\x60" + L(0) + L(0))
    imports = sec(IMPORT, L(1) + L(3) + b"env" + L(5) + b"sleep" + b"\x00" + L(0))
    funcs = sec(FUNC, L(1) + L(0))
    memory = sec(MEMORY, L(1) + b"\x00" + L(1))
    exports = sec(EXPORT, L(1) + L(4) + b"main" + b"\x00" + L(1))
    payload = L(1) + L(1) + bytes([I32]) + bytes([CALL]) + L(0) + bytes([END])
    code = sec(CODE, L(1) + L(len(payload)) + payload)
    return module(types, imports, funcs, memory, exports, code)


# --- 3. section order -----------------------------------------------------


def duplicate_type_section():
    """Two type sections."""
    return module(TYPES, TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1)


def duplicate_code_section():
    """Two code sections (the second one repeats the first)."""
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1, CODE1)


def code_before_function():
    """The code section before the function section (and the memory and
    export sections)."""
    return module(TYPES, IMPORTS, CODE1, FUNCS, MEMORY1, EXPORTS)


def datacount_after_code():
    """A data count section (id 12) after the code section; it belongs
    before it."""
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1,
                  section(DATACOUNT, uleb(0)))


def unknown_section_id():
    """A section with id 20, which no wasm version defines."""
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1, section(20, b"\x00"))


def duplicate_name_section():
    """Two name sections (custom sections may repeat: valid; the names of
    the first win in Binaryen and WABT alike)."""
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1,
                  name_section([(0, "sleep"), (1, "main")]),
                  name_section([(0, "other_sleep"), (1, "other_main")]))


def custom_sections_everywhere():
    """A custom section before and after every other section (valid)."""
    c = section(CUSTOM, name("note") + b"hello")
    return module(c, TYPES, c, IMPORTS, c, FUNCS, c, MEMORY1, c, EXPORTS, c, CODE1, c, NAMES, c)


# --- 4. huge counts ---------------------------------------------------------


def huge_function_count():
    """The function section says 0xffffffff functions and holds one byte."""
    return module(TYPES, IMPORTS, section(FUNC, uleb(0xFFFFFFFF) + uleb(0)), MEMORY1, EXPORTS, CODE1)


def huge_type_count():
    """The type section says 0xffffffff types and holds one."""
    return module(section(TYPE, uleb(0xFFFFFFFF) + functype()), IMPORTS, FUNCS, MEMORY1, EXPORTS,
                  CODE1)


def huge_code_count():
    """The code section says 0xffffffff bodies (the function section one)."""
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS,
                  section(CODE, uleb(0xFFFFFFFF) + MAIN_BODY))


def huge_local_count_total():
    """main declares 0xfffffff0 i32 locals in one declaration: a body of a
    few bytes that would need gigabytes if the locals were allocated."""
    locals_ = uleb(1) + uleb(0xFFFFFFF0) + bytes([I32])
    b = body(bytes([CALL]) + uleb(0) + bytes([END]), locals_)
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([b])))


def many_locals_50001():
    """main declares 50001 i32 locals in two declarations (25000 + 25001):
    more than engines accept (50000), declared in a body of ten bytes."""
    locals_ = uleb(2) + uleb(25000) + bytes([I32]) + uleb(25001) + bytes([I32])
    b = body(bytes([CALL]) + uleb(0) + bytes([END]), locals_)
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([b])))


def many_locals_50000():
    """main declares exactly 50000 i32 locals (25000 + 25000): the most
    engines accept, so it is rewritten."""
    locals_ = uleb(2) + uleb(25000) + bytes([I32]) + uleb(25000) + bytes([I32])
    b = body(bytes([CALL]) + uleb(0) + bytes([END]), locals_)
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([b])))


def locals_total_overflow():
    """Two local declarations of 0xffffffff locals each: the total does not
    fit in a u32."""
    locals_ = uleb(2) + uleb(0xFFFFFFFF) + bytes([I32]) + uleb(0xFFFFFFFF) + bytes([I32])
    b = body(bytes([CALL]) + uleb(0) + bytes([END]), locals_)
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(CODE, vec([b])))


def huge_memory_pages():
    """A memory of 0xffffffff initial pages: more than a 32-bit memory can
    have (65536)."""
    return module(TYPES, IMPORTS, FUNCS, section(MEMORY, vec([b"\x00" + uleb(0xFFFFFFFF)])),
                  EXPORTS, CODE1)


def max_memory_pages():
    """A memory of 65536 pages, minimum and maximum: the largest a 32-bit
    memory can be (4 GiB, never allocated by the tool)."""
    return module(TYPES, IMPORTS, FUNCS, section(MEMORY, vec([b"\x01" + uleb(65536) + uleb(65536)])),
                  EXPORTS, CODE1)


def huge_memory64_pages():
    """A 64-bit memory of 2**48 + 1 initial pages (the limit is 2**48)."""
    return module(TYPES, IMPORTS, FUNCS, section(MEMORY, vec([b"\x04" + uleb(2**48 + 1)])),
                  EXPORTS, CODE1)


def huge_data_segment():
    """A data segment that says it holds 0xfffffff0 bytes and holds 3."""
    seg = b"\x00" + bytes([I32_CONST]) + sleb(0) + bytes([END]) + uleb(0xFFFFFFF0) + b"abc"
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1, section(DATA, vec([seg])))


def huge_name_count():
    """A name section whose function-names subsection says 0xffffffff
    entries and holds one."""
    sub = uleb(0xFFFFFFFF) + uleb(1) + name("main")
    payload = name("name") + b"\x01" + uleb(len(sub)) + sub
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1, section(CUSTOM, payload))


# --- constant expressions ----------------------------------------------------


def _global(init, valtype=I32):
    return bytes([valtype, 0x00]) + init + bytes([END])


def block_in_global_init():
    """The global section ends inside a global's initializer, `i32.eqz
    block (type 11)`: the `end` byte it ends with is read as the block's
    type. WABT 1.0.32's reader asserts on the block left open in a constant
    expression (found by the libFuzzer target)."""
    glob = section(GLOBAL, vec([_global(bytes([I32_CONST]) + sleb(40)),
                                bytes([I32, 0x01, 0x45, 0x02, END])]))
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, glob, EXPORTS, CODE1)


def loop_in_elem_offset():
    """The element section ends inside an active segment's offset, `loop
    (type 11)`."""
    table = section(TABLE, vec([bytes([FUNCREF, 0x00]) + uleb(1)]))
    seg = uleb(0) + bytes([0x03, END])
    return module(TYPES, IMPORTS, FUNCS, table, MEMORY1, EXPORTS, section(ELEM, vec([seg])), CODE1)


def if_in_data_offset():
    """The data section ends inside an active segment's offset, `i32.const 1
    if (type 11)`."""
    seg = uleb(0) + bytes([I32_CONST]) + sleb(1) + bytes([0x04, END])
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, CODE1, section(DATA, vec([seg])))


def every_constant_expression():
    """Valid: every kind of constant expression the scan reads. Globals with
    i32/i64/f32/f64/v128 constants, ref.null, ref.func, global.get and
    extended-const arithmetic (on an imported global); a table; element
    segments of seven encodings (the eighth is below); data segments of all
    three."""
    I64, F32, F64, V128, EXTERNREF = 0x7E, 0x7D, 0x7C, 0x7B, 0x6F
    globs = [
        _global(bytes([I32_CONST]) + sleb(-5)),
        _global(b"\x42" + sleb(-(2**40)), I64),
        _global(b"\x43" + bytes(4), F32),
        _global(b"\x44" + bytes(8), F64),
        _global(b"\xfd" + uleb(12) + bytes(range(16)), V128),
        _global(b"\xd0" + bytes([EXTERNREF]), EXTERNREF),
        _global(b"\xd2" + uleb(1), FUNCREF),
        _global(b"\x23" + uleb(0) + bytes([I32_CONST]) + sleb(3) + b"\x6a" +
                bytes([I32_CONST]) + sleb(2) + b"\x6c"),
    ]
    imports = section(IMPORT, vec([import_func("env", "sleep", 0),
                                   name("env") + name("g") + bytes([0x03, I32, 0x00])]))
    table = section(TABLE, vec([bytes([FUNCREF, 0x01]) + uleb(4) + uleb(8)]))
    off = bytes([I32_CONST]) + sleb(0) + bytes([END])
    refs = vec([b"\xd2" + uleb(1) + bytes([END]), b"\xd0\x70" + bytes([END])])
    segs = [
        uleb(0) + off + vec([uleb(1)]),
        uleb(1) + b"\x00" + vec([uleb(1)]),
        uleb(2) + uleb(0) + off + b"\x00" + vec([uleb(1)]),
        uleb(3) + b"\x00" + vec([uleb(1)]),
        uleb(4) + off + refs,
        uleb(5) + bytes([FUNCREF]) + refs,
        uleb(6) + uleb(0) + off + bytes([FUNCREF]) + refs,
    ]
    datas = [uleb(0) + off + vec([b"a"]), uleb(1) + vec([b"b", b"c"]), uleb(2) + uleb(0) + off + vec([b"d"])]
    return module(TYPES, imports, FUNCS, table, MEMORY1, section(GLOBAL, vec(globs)), EXPORTS,
                  section(ELEM, vec(segs)), section(DATACOUNT, uleb(len(datas))), CODE1,
                  section(DATA, vec(datas)))


def declarative_elem_expressions():
    """Valid: a declarative element segment of expressions (flags 7), which
    Binaryen 108 misreads ("bad section size"): refused, exit code 4."""
    seg = uleb(7) + bytes([FUNCREF]) + vec([b"\xd2" + uleb(1) + bytes([END])])
    return module(TYPES, IMPORTS, FUNCS, MEMORY1, EXPORTS, section(ELEM, vec([seg])), CODE1)


def _main_returning_i32(code):
    """The base module with main of type () -> i32 and body `code`."""
    types = section(TYPE, vec([functype(), functype(results=[I32])]))
    funcs = section(FUNC, vec([uleb(1)]))
    return module(types, IMPORTS, funcs, MEMORY1, EXPORTS, section(CODE, vec([body(code)])))


def body_type_mismatch():
    """main adds an i64 to an i32: decodes, but is invalid. Binaryen's reader
    builds it without complaint; only validation objects."""
    return _main_returning_i32(bytes([0x42, 0x01, I32_CONST, 0x02, 0x6A, END]))


def body_unknown_opcode():
    """main holds 0xff, no opcode: Binaryen's reader ends the process."""
    return _main_returning_i32(bytes([I32_CONST, 0x01, 0xFF, DROP, I32_CONST, 0x00, END]))


CASES = {f.__name__: f for f in [
    valid, cut_in_code_body, body_size_past_section, body_ends_mid_instruction,
    body_ends_inside_block,
    cut_in_import_section, import_name_past_section, cut_in_name_section,
    name_subsection_past_section, name_entry_past_subsection, cut_in_custom_section,
    custom_name_past_section,
    leb_count_too_long, leb_count_too_big, leb_local_count_too_long,
    leb_local_count_unterminated, leb_call_index_too_big, leb_i32_const_too_long,
    leb_memarg_offset_unterminated, leb_section_size_unterminated, leb_overlong_valid,
    duplicate_type_section, duplicate_code_section, code_before_function, datacount_after_code,
    unknown_section_id, duplicate_name_section, custom_sections_everywhere,
    huge_function_count, huge_type_count, huge_code_count, huge_local_count_total,
    many_locals_50001, many_locals_50000, locals_total_overflow, huge_memory_pages,
    max_memory_pages, huge_memory64_pages, huge_data_segment, huge_name_count,
    block_in_global_init, loop_in_elem_offset, if_in_data_offset, every_constant_expression,
    declarative_elem_expressions, body_type_mismatch, body_unknown_opcode,
]}


def main(argv):
    if len(argv) != 2 or (argv[1] not in CASES and argv[1] != "--list"):
        sys.exit(f"usage: gen.py CASE|--list; cases: {', '.join(CASES)}")
    if argv[1] == "--list":
        print("\n".join(CASES))
        return
    sys.stdout.buffer.write(CASES[argv[1]]())


if __name__ == "__main__":
    main(sys.argv)
