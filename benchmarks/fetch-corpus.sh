#!/usr/bin/env bash
# Downloads the benchmark corpus described in corpus.json into corpus/.
#
# Every entry of corpus.json names an npm package pinned to an exact version,
# the path of a .wasm file inside the package, its size and its sha256. For
# each entry this script runs `npm pack PACKAGE@VERSION` (once per package; the
# tarballs are kept in work/npm/), extracts that one file to corpus/NAME.wasm
# and checks size and sha256. It is idempotent: a module that is already there
# with the right checksum is skipped, so is a tarball that is already there.
#
# Usage: benchmarks/fetch-corpus.sh [NAME...]   (default: every module)
# Needs: npm, tar, python3, sha256sum. Nothing downloaded is ever committed
# (corpus/ and work/ are git-ignored).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus_dir=$here/corpus
npm_dir=$here/work/npm
mkdir -p "$corpus_dir" "$npm_dir"

# One line per module: name, package, version, path, size, sha256, language.
entries=$(python3 - "$here/corpus.json" "$@" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
wanted = set(sys.argv[2:])
names = {m["name"] for m in data["modules"]}
for w in wanted - names:
    sys.exit(f"fetch-corpus.sh: unknown module {w!r}; known: {', '.join(sorted(names))}")
for m in data["modules"]:
    if wanted and m["name"] not in wanted:
        continue
    print("\t".join([m["name"], m["package"], m["version"], m["path"],
                     str(m["size"]), m["sha256"], m.get("language", "?")]))
PY
)

human() { numfmt --to=iec-i --suffix=B --format='%.1f' "$1" 2>/dev/null || echo "$1 B"; }

status=0
got=0
skipped=0
while IFS=$'\t' read -r name pkg version path size sha lang; do
  dest=$corpus_dir/$name.wasm
  if [ -f "$dest" ] && [ "$(sha256sum "$dest" | cut -c1-64)" = "$sha" ]; then
    printf '%-16s %10s  %-5s  already there  (%s@%s)\n' "$name" "$(human "$size")" "$lang" "$pkg" "$version"
    skipped=$((skipped + 1))
    continue
  fi
  # npm pack names the tarball after the package: @scope/name -> scope-name-VERSION.tgz
  tgz_name=$(printf '%s' "$pkg" | sed 's/^@//; s#/#-#')-$version.tgz
  tgz=$npm_dir/$tgz_name
  if [ ! -f "$tgz" ]; then
    echo "npm pack $pkg@$version ..." >&2
    if ! (cd "$npm_dir" && npm pack "$pkg@$version" --silent >/dev/null 2>"$npm_dir/$tgz_name.log"); then
      echo "error: npm pack $pkg@$version failed:" >&2
      grep -v 'Unknown user config' "$npm_dir/$tgz_name.log" >&2 || true
      status=1
      continue
    fi
  fi
  tmp=$(mktemp -d "$npm_dir/extract.XXXXXX")
  if ! tar -xzf "$tgz" -C "$tmp" "package/$path" 2>/dev/null; then
    echo "error: $tgz_name has no package/$path" >&2
    rm -rf "$tmp"
    status=1
    continue
  fi
  actual=$(sha256sum "$tmp/package/$path" | cut -c1-64)
  actual_size=$(stat -c %s "$tmp/package/$path")
  if [ "$actual" != "$sha" ] || [ "$actual_size" != "$size" ]; then
    echo "error: $pkg@$version $path: sha256 $actual, size $actual_size; corpus.json expects $sha, $size" >&2
    rm -rf "$tmp"
    status=1
    continue
  fi
  mv "$tmp/package/$path" "$dest.tmp" && mv "$dest.tmp" "$dest"
  rm -rf "$tmp"
  printf '%-16s %10s  %-5s  fetched        (%s@%s %s)\n' "$name" "$(human "$size")" "$lang" "$pkg" "$version" "$path"
  got=$((got + 1))
done <<< "$entries"

total=$(du -cb "$corpus_dir"/*.wasm 2>/dev/null | tail -1 | cut -f1)
echo "corpus: $got fetched, $skipped already there, $(human "${total:-0}") in $corpus_dir"
exit $status
