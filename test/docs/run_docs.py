#!/usr/bin/env python3
"""Runs the examples in the documentation and checks their output.

A page opts in block by block: an HTML comment of the form
`<!-- docs-test: KIND [ARG] -->` on the line before a fenced code block
(blank lines between them are allowed) marks that block. KIND is

  file NAME   the block's text is written to NAME (relative to the page's
              working directory);
  console     the block is a terminal transcript: lines starting with `$ `
              are commands (a line ending in `\\` continues on the next line),
              the lines after a command are what it prints (standard output
              and standard error together). Every command must exit with 0
              unless the next command is `echo $?`, which shows the code.
              In expected output, a line that is exactly `...` matches any
              number of lines and `...` inside a line matches any text.

Every page gets a fresh temporary directory; its marked blocks run there in
the order they appear, in bash, with `wasm-asyncify` on PATH resolving to the
tool under test. test/docs/README.md has the details.

Usage: run_docs.py --tool PATH [--keep] [--update] [--check-links] PAGE_OR_DIR...
A page named explicitly must have at least one marked block; pages found in a
directory are run only if they have some. With --check-links, every relative
link on every page given (marked or not) must lead to an existing file, and
its #fragment to a heading of the target page. Exits 1 if anything fails.
"""
import argparse
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MARKER = re.compile(r'^\s*<!--\s*docs-test:\s*(.*?)\s*-->\s*$')
FENCE = re.compile(r'^(\s*)(`{3,}|~{3,})(.*)$')
COMMAND_TIMEOUT = 120


class DocError(Exception):
    pass


class Block:
    def __init__(self, page, line, kind, arg, text, text_line):
        self.page, self.line, self.kind, self.arg = page, line, kind, arg
        self.text, self.text_line = text, text_line

    def where(self):
        return f'{self.page}:{self.line}'


def parse_page(path):
    """The marked blocks of one page, in order."""
    lines = Path(path).read_text(encoding='utf-8').split('\n')
    blocks = []
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if not m:
            i += 1
            continue
        marker_line = i + 1
        words = m.group(1).split()
        if not words:
            raise DocError(f'{path}:{marker_line}: empty docs-test marker')
        kind, args = words[0], words[1:]
        if kind == 'file':
            if len(args) != 1:
                raise DocError(f'{path}:{marker_line}: `docs-test: file` takes one file name')
        elif kind == 'console':
            if args:
                raise DocError(f'{path}:{marker_line}: `docs-test: console` takes no arguments')
        else:
            raise DocError(f'{path}:{marker_line}: unknown docs-test kind `{kind}` '
                           '(expected `file NAME` or `console`)')
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        fence = FENCE.match(lines[j]) if j < len(lines) else None
        if not fence:
            raise DocError(f'{path}:{marker_line}: a docs-test marker must be followed by a '
                           'fenced code block')
        indent, ticks = fence.group(1), fence.group(2)
        k = j + 1
        body = []
        while k < len(lines) and not (lines[k].strip().startswith(ticks) and
                                      lines[k].strip().strip(ticks[0]) == ''):
            line = lines[k]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            k += 1
        if k == len(lines):
            raise DocError(f'{path}:{j + 1}: the code block never ends')
        text = '\n'.join(body) + '\n' if body else ''
        blocks.append(Block(path, marker_line, kind, args[0] if args else None, text, j + 2))
        i = k + 1
    return blocks


def parse_transcript(block):
    """[(command, expected output lines, line number)] of a console block."""
    steps = []
    lines = block.text.rstrip('\n').split('\n')
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith('$ '):
            if not steps:
                raise DocError(f'{block.page}:{block.text_line + i}: a console block must start '
                               'with a `$ ` command')
            steps[-1][1].append(line)
            i += 1
            continue
        number = block.text_line + i
        command = line[2:]
        while command.endswith('\\') and i + 1 < len(lines):
            i += 1
            command = command + '\n' + lines[i]
        # The expected output starts on the page line after the command.
        steps.append((command, [], number, block.text_line + i + 1))
        i += 1
    return steps


def expected_pattern(lines):
    """A regex for the expected lines, with `...` as the wildcard."""
    parts = []
    for line in lines:
        line = line.rstrip()
        if line == '...':
            parts.append(r'(?:[^\n]*\n)*?')
        else:
            parts.append('.*?'.join(re.escape(piece) for piece in line.split('...')) + r'\n')
    return re.compile(''.join(parts))


def normalize(text):
    lines = [line.rstrip() for line in text.split('\n')]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def run_console(block, workdir, env, updates):
    """Runs a transcript in one bash process; returns a list of failure texts.
    For each command whose output differs, `updates` gets (first page line of
    its expected output, number of expected lines, actual lines)."""
    steps = parse_transcript(block)
    sentinel = '@@docs-test-step-end@@'
    script = ['exec 2>&1']
    for command, *_ in steps:
        script.append(command)
        script.append(f'__rc=$?; printf "\\n{sentinel} %d\\n" "$__rc"; (exit $__rc)')
    try:
        proc = subprocess.run(['bash', '--noprofile', '--norc', '-c', '\n'.join(script)],
                              cwd=workdir, env=env, stdout=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired:
        return [f'{block.where()}: timed out after {COMMAND_TIMEOUT} s']
    output = proc.stdout.decode('utf-8', errors='replace')
    chunks = re.split(r'\n?' + re.escape(sentinel) + r' (\d+)\n', output)
    failures = []
    for index, (command, expected, number, first) in enumerate(steps):
        if 2 * index + 1 >= len(chunks):
            failures.append(f'{block.page}:{number}: `{command}` did not finish '
                            f'(the shell exited with {proc.returncode})')
            break
        actual = normalize(chunks[2 * index])
        code = int(chunks[2 * index + 1])
        want = normalize('\n'.join(expected))
        shows_code = index + 1 < len(steps) and steps[index + 1][0].strip() == 'echo $?'
        if code != 0 and not shows_code:
            failures.append(f'{block.page}:{number}: `{command}` exited with {code} '
                            '(follow it with `$ echo $?` if that is expected)\n' +
                            '\n'.join('    ' + line for line in actual))
            continue
        text = ''.join(line + '\n' for line in actual)
        if not expected_pattern(want).fullmatch(text):
            updates.append((first, len(expected), actual))
            diff = difflib.unified_diff(want, actual, 'documented', 'actual', lineterm='')
            failures.append(f'{block.page}:{number}: the output of `{command}` differs from '
                            'the documentation:\n' + '\n'.join('    ' + d for d in diff))
    return failures


def update_page(page, updates):
    """Replaces the expected output of failed commands with the actual one."""
    lines = Path(page).read_text(encoding='utf-8').split('\n')
    for first, count, actual in sorted(updates, reverse=True):
        lines[first - 1:first - 1 + count] = actual
    Path(page).write_text('\n'.join(lines), encoding='utf-8')


def run_page(page, blocks, tool_dir, keep, update):
    workdir = Path(tempfile.mkdtemp(prefix='docs-test-'))
    env = dict(os.environ)
    env['PATH'] = f'{tool_dir}{os.pathsep}{env.get("PATH", "")}'
    env['LC_ALL'] = 'C.UTF-8'
    env.pop('NODE_OPTIONS', None)
    failures = []
    updates = []
    try:
        for block in blocks:
            if block.kind == 'file':
                target = workdir / block.arg
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(block.text, encoding='utf-8')
            else:
                failures += run_console(block, workdir, env, updates)
        if update and updates:
            update_page(page, updates)
            print(f'{page}: updated the output of {len(updates)} command(s); review the diff')
    finally:
        if keep:
            print(f'{page}: kept {workdir}')
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return failures


def outside_fences(text):
    """(line number, line) of the lines outside fenced code blocks."""
    fence = None
    for number, line in enumerate(text.split('\n'), 1):
        m = FENCE.match(line)
        if fence is None:
            if m:
                fence = m.group(2)
            else:
                yield number, line
        elif line.strip().startswith(fence) and line.strip().strip(fence[0]) == '':
            fence = None


def heading_anchors(path):
    """The anchors GitHub gives the page's headings (duplicates get -1, -2...)."""
    anchors, seen = set(), {}
    for _, line in outside_fences(Path(path).read_text(encoding='utf-8')):
        m = re.match(r'^#{1,6}\s+(.*?)\s*#*\s*$', line)
        if not m:
            continue
        # Lowercase; punctuation other than - and _ dropped (the backticks of
        # `--imports` too, not the dashes); spaces become -.
        slug = re.sub(r'[^\w\- ]', '', m.group(1).lower()).replace(' ', '-')
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        anchors.add(slug if n == 0 else f'{slug}-{n}')
    return anchors


def check_links(page):
    """Relative links of a page that lead nowhere, as failure texts."""
    failures = []
    for number, line in outside_fences(Path(page).read_text(encoding='utf-8')):
        line = re.sub(r'(`+).*?\1', '', line)  # inline code is not a link
        for m in re.finditer(r'\]\(([^)\s]+)(?:\s+"[^"]*")?\)', line):
            link = m.group(1)
            if re.match(r'^[A-Za-z][A-Za-z0-9+.-]*:', link):
                continue  # https:, mailto:
            path, _, fragment = link.partition('#')
            target = (Path(page).parent / path) if path else Path(page)
            if not target.exists():
                failures.append(f'{page}:{number}: the link `{link}` leads to no file')
            elif fragment and target.suffix == '.md' and fragment not in heading_anchors(target):
                failures.append(f'{page}:{number}: the link `{link}`: {target} has no heading '
                                f'with the anchor `#{fragment}`')
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--tool', required=True, help='the wasm-asyncify to run')
    parser.add_argument('--keep', action='store_true', help='keep the working directories')
    parser.add_argument('--update', action='store_true',
                        help='write the actual output into the pages where it differs '
                        '(wildcards in those outputs are lost: put them back by hand)')
    parser.add_argument('--check-links', action='store_true',
                        help='also check the relative links of every page given')
    parser.add_argument('paths', nargs='+', help='pages, or directories of pages')
    args = parser.parse_args()

    tool = Path(args.tool).resolve()
    if not os.access(tool, os.X_OK):
        sys.exit(f'run_docs: {tool} is not an executable')
    pages = {}
    try:
        for p in args.paths:
            path = Path(p)
            if path.is_dir():
                for page in sorted(path.glob('*.md')):
                    pages.setdefault(page.resolve(), (page, False))
            else:
                pages[path.resolve()] = (path, True)
        plan = []
        for page, explicit in pages.values():
            blocks = parse_page(page)
            if explicit and not blocks:
                raise DocError(f'{page}: no docs-test blocks (expected at least one)')
            if blocks:
                plan.append((page, blocks))
    except (DocError, OSError) as e:
        sys.exit(f'run_docs: {e}')

    failed = 0
    if args.check_links:
        for page, _ in pages.values():
            failures = check_links(page)
            for f in failures:
                print(f)
            failed += bool(failures)
        print(f'links of {len(pages)} page(s): ' + ('FAILED' if failed else 'ok'))

    tool_dir = Path(tempfile.mkdtemp(prefix='docs-test-bin-'))
    (tool_dir / 'wasm-asyncify').symlink_to(tool)
    try:
        for page, blocks in plan:
            try:
                failures = run_page(page, blocks, tool_dir, args.keep, args.update)
            except DocError as e:
                failures = [str(e)]
            count = sum(1 for b in blocks if b.kind == 'console')
            status = 'ok' if not failures else 'FAILED'
            print(f'{page}: {count} transcript(s), {len(blocks) - count} file(s): {status}')
            for f in failures:
                print(f)
            failed += bool(failures)
    finally:
        shutil.rmtree(tool_dir, ignore_errors=True)
    if not plan:
        sys.exit('run_docs: no page has docs-test blocks')
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
