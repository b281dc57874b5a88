#!/usr/bin/env bash
# Builds the one publishable npm package, akamai-iam-wasm, in pkg/ and packs it:
#   pkg/web/    wasm-pack --target web (browsers, bundlers) + index.js, the same glue initialising the
#               wasm itself with top-level await (no init() call needed; init/initSync still exported;
#               one module to load instead of two in sequence: scripts/entry-glue.mjs)
#   pkg/node/   wasm-pack --target nodejs with the `node` feature (direct EdgeGrid signing,
#               IamClient.fromEdgerc): CommonJS akamai_iam_wasm.js + ESM index.mjs
#   pkg/workflows/ plain JS workflows over an IamClient (akamai-iam-wasm/workflows), not in the wasm
#   pkg/package.json and pkg/README.md from pkg-template/ (the version comes from Cargo.toml)
# Release builds: wasm-opt -Oz from npm's binaryen (node_modules/.bin), never a download.
# Prints the tarball's path on the last line (target/npm/akamai-iam-wasm-VERSION.tgz).
# Usage: scripts/build-pkg.sh [--dev]   (--dev: debug builds, no wasm-opt; for quick local checks)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
say() { printf '[build-pkg] %s\n' "$*" >&2; }

profile=--release; [ "${1:-}" = "--dev" ] && profile=--dev
if [ ! -x node_modules/.bin/wasm-opt ]; then
  say "installing npm build tools (npm ci: binaryen's wasm-opt)"
  npm ci --no-audit --no-fund --loglevel=error
fi

version=$(awk -F'"' '/^\[package\]/ { p = 1 } p && /^version = / { print $2; exit }' Cargo.toml)
[ -n "$version" ] || { say "cannot read the version from Cargo.toml"; exit 1; }

# Panic locations inside the wasm would name this machine's folders: map them to neutral ones.
# The flags differ from the dev builds', so these builds get their own target folder.
export RUSTFLAGS="--remap-path-prefix=$root=/akamai-iam-wasm --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo ${RUSTFLAGS:-}"
export CARGO_TARGET_DIR="$root/target/pkg-cargo"
build="$root/target/pkg-build"
rm -rf "$build"
say "wasm-pack --target web ($profile)"
wasm-pack --log-level warn build --mode no-install "$profile" --target web --out-dir "$build/web" --no-pack .
say "wasm-pack --target nodejs --features node ($profile)"
wasm-pack --log-level warn build --mode no-install "$profile" --target nodejs --out-dir "$build/node" --no-pack . \
  -- --features node

if [ "$profile" = --release ]; then
  for flavour in web node; do
    wasm="$build/$flavour/akamai_iam_wasm_bg.wasm"
    before=$(wc -c <"$wasm")
    node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers "$wasm" -o "$wasm.opt"
    mv "$wasm.opt" "$wasm"
    say "wasm-opt -Oz $flavour: $before -> $(wc -c <"$wasm") bytes"
  done
fi

say "assembling pkg/"
rm -rf pkg
mkdir -p pkg
cp -r "$build/web" pkg/web
cp -r "$build/node" pkg/node
rm -f pkg/web/.gitignore pkg/node/.gitignore
cp pkg-template/web/* pkg/web/
cp pkg-template/node/* pkg/node/
cp -r pkg-template/workflows pkg/workflows
cp pkg-template/README.md pkg/README.md
node -e 'const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); m.version = process.argv[2]; console.log(JSON.stringify(m, null, 2));' pkg-template/package.json "$version" >pkg/package.json

# One glue file per build: the inline_js snippets inlined (a browser fetches one module, not three
# one after the other; Node before 20.19 could not require() the snippets' ES modules anyway) and
# the JSDoc dropped (the .d.ts beside it has the same docs).
for flavour in web node; do
  node scripts/finish-glue.mjs "$root/pkg/$flavour/akamai_iam_wasm.js"
done
node scripts/entry-glue.mjs "$root/pkg/web/akamai_iam_wasm.js" "$root/pkg/web/index.js"

# Names the ESM entry of the Node build must re-export: every export of the CommonJS build.
node -e '
  const names = Object.keys(require(process.argv[1])).filter((n) => !n.startsWith("__"));
  const fs = require("fs"), file = process.argv[2];
  const text = fs.readFileSync(file, "utf8").replace("/* EXPORTS */", names.join(",\n  "));
  fs.writeFileSync(file, text);
' "$root/pkg/node/akamai_iam_wasm.js" "$root/pkg/node/index.mjs"

# The package must not carry source maps, tests or anything that looks like a secret.
if find pkg -name '*.map' | grep -q .; then say "a source map is in pkg/"; exit 1; fi
if grep -rlE "$root|/root/|client_secret *=|\.edgerc\b.*secret" pkg --include='*.js' --include='*.mjs' --include='*.ts' 2>/dev/null | grep -q .; then
  say "pkg/ names a local path or a secret"; exit 1
fi
if grep -c "$root" pkg/*/akamai_iam_wasm_bg.wasm | grep -qv ':0$'; then
  say "a wasm binary names a local path"; exit 1
fi

mkdir -p target/npm
tarball=$(cd pkg && npm pack --pack-destination "$root/target/npm" --loglevel=error | tail -n1)
say "packed target/npm/$tarball"
echo "$root/target/npm/$tarball"
