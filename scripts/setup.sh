#!/usr/bin/env bash
# Installs what building, the demo and the tests need; skips whatever is already present.
# Usage: scripts/setup.sh [demo|test]   (default: test, which is a superset of demo)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-test}"
say() { printf '[setup] %s\n' "$*" >&2; }

export PATH="$HOME/.cargo/bin:$PATH"

# Rust target for the client.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli at exactly the version in Cargo.lock (the CLI and the crate must match).
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$wb_version" ]; then
  say "cannot read the wasm-bindgen version from Cargo.lock"; exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (a few minutes)"
  # --locked fails on this registry (one pinned dependency is missing): fall back to unlocked.
  cargo install wasm-bindgen-cli --version "$wb_version" --locked --force \
    || cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "0.15.1" ]; then
  say "installing wasm-pack 0.15.1 (a few minutes)"
  cargo install wasm-pack --version 0.15.1 --locked --force
fi

[ "$what" = demo ] && exit 0

# Test tools: Chromium + ChromeDriver and Firefox ESR (Debian), geckodriver (crates.io),
# edgegrid-python (PyPI), playwright-core (npm).
apt_missing=()
{ [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; } || apt_missing+=(chromium chromium-driver)
[ -x /usr/bin/firefox-esr ] || apt_missing+=(firefox-esr)
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing ${apt_missing[*]} (Debian)"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1 {print $2}')" != "0.37.1" ]; then
  say "installing geckodriver 0.37.1 (crates.io, a few minutes)"
  cargo install geckodriver --version 0.37.1 --locked --force
fi

python="${PYTHON:-python3}"
if ! "$python" -c 'import importlib.metadata as m, sys; sys.exit(m.version("edgegrid-python") != "2.0.9")' 2>/dev/null; then
  say "installing edgegrid-python 2.0.9 (PyPI) for the differential signing test"
  "$python" -m pip install --quiet --disable-pip-version-check "edgegrid-python==2.0.9"
fi

if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm test tools (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
