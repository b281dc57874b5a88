#!/usr/bin/env bash
# Runs every test suite and ends with one line: "N passed, N failed".
#   lint      nothing refers outside the repository (scripts/check-standalone.py); cargo fmt --check;
#             clippy -D warnings on the host and on wasm32
#   native    cargo test --workspace (signer vectors, edgegrid-python differential, simulator, proxy, client)
#   chrome    wasm-pack test --headless --chrome -- --test web   (against the simulator behind the proxy)
#   firefox   wasm-pack test --headless --firefox -- --test web  (the same browser suite in Firefox ESR)
#   node      wasm-pack test --node -- --test node               (same)
#   e2e       the demo page in headless Chromium through the proxy and simulator (playwright-core)
#   types     tsc --strict on a consumer of the generated .d.ts; wrong calls must not compile
#   consumers the npm package (scripts/build-pkg.sh, then `npm pack`) installed into fresh folders:
#             a Vite 8 app and a plain page in Chromium, Node ESM/CommonJS through the proxy, Node
#             signing directly against the simulator, tsc --strict, the wasm signer on Akamai's vectors
# Pass suite names to run only those, e.g. scripts/test.sh native e2e
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

scripts/setup.sh test || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

suites=("$@"); [ ${#suites[@]} -eq 0 ] && suites=(lint native chrome firefox node e2e types consumers)
want() { local s; for s in "${suites[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

OUT=test-output; mkdir -p "$OUT"
LOG_DIR="$OUT/logs"
# shellcheck source=lib.sh
. scripts/lib.sh
trap stop_services EXIT INT TERM

passed=0; failed=0; summary=()
# What each suite runs in, for the summary.
label() {
  case "$1" in
    lint) echo "fmt, clippy host+wasm32, standalone" ;;
    native) echo "cargo test, host" ;;
    chrome) echo "web suite, headless Chromium" ;;
    firefox) echo "web suite, headless Firefox ESR" ;;
    node) echo "node suite, Node $(node --version 2>/dev/null)" ;;
    e2e) echo "console, Playwright + Chromium" ;;
    types) echo "tsc --strict" ;;
    consumers) echo "npm package, Node + Chromium" ;;
  esac
}
# cannot_start SUITE REASON: the suite could not start; one line says why, and it counts as a failure.
cannot_start() {
  echo "[$1] cannot start: $2" >&2
  failed=$((failed + 1))
  summary+=("$(printf '%-9s %-36s cannot start: %s' "$1" "($(label "$1"))" "$2")")
}
# missing_tool SUITE CMD...: prints the first command that is not installed.
missing_tool() {
  local t; shift
  for t in "$@"; do command -v "$t" >/dev/null 2>&1 || { echo "$t not found (scripts/setup.sh installs it)"; return 0; }; done
  return 1
}
# count SUITE LOGFILE EXIT: adds the suite's pass/fail totals read from its output.
count() {
  local suite="$1" log="$2" rc="$3" p f
  case "$suite" in
    e2e|types|consumers) p=$(awk '/^# pass /{s+=$3} END{print s+0}' "$log"); f=$(awk '/^# fail /{s+=$3} END{print s+0}' "$log") ;;
    lint) if [ "$rc" -eq 0 ]; then p=1; f=0; else p=0; f=1; fi ;;
    *) p=$(grep -o '[0-9]* passed; [0-9]* failed' "$log" | awk '{s+=$1} END{print s+0}')
       f=$(grep -o '[0-9]* passed; [0-9]* failed' "$log" | awk '{s+=$3} END{print s+0}') ;;
  esac
  # A suite that failed without reporting a failing test (build error, crash) counts as one failure.
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ "$suite" != lint ] && [ "$rc" -eq 0 ] && [ "$p" -eq 0 ]; then f=$((f + 1)); echo "[$suite] ran no test" >&2; fi
  passed=$((passed + p)); failed=$((failed + f))
  summary+=("$(printf '%-9s %-36s %4d passed, %d failed  (%s)' "$suite" "($(label "$suite"))" "$p" "$f" "$log")")
}

run() { # run SUITE CMD...: prints the suite output and saves it
  local suite="$1"; shift
  local log="$OUT/$suite.txt"
  echo "=== $suite: $*"
  "$@" 2>&1 | tee "$log"
  count "$suite" "$log" "${PIPESTATUS[0]}"
}

lint() {
  python3 scripts/check-standalone.py \
    && cargo fmt --all -- --check \
    && cargo clippy --workspace --all-targets --quiet -- -D warnings \
    && cargo clippy -p akamai-iam-wasm --all-targets --features node --quiet -- -D warnings \
    && cargo clippy -p akamai-iam-wasm -p edgegrid --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings \
    && cargo clippy -p akamai-iam-wasm --target wasm32-unknown-unknown --all-targets --features node --quiet -- -D warnings
}

want lint && run lint lint
want native && run native cargo test --workspace

# start_all: builds and starts the simulator and proxy pairs the live suites talk to.
start_all() {
  echo "=== starting the simulator and the proxy"
  cargo build --quiet -p iam-sim -p iam-proxy || { down="iam-sim/iam-proxy did not build"; return 1; }
  down="a service did not start (see $LOG_DIR)"
  start_service iam-sim target/debug/iam-sim --edgerc dev/sim.edgerc --listen 127.0.0.1:0 \
    --admin-listen 127.0.0.1:0 || return 1
  SIM_URL="$SERVICE_URL"
  export SIM_ADMIN_URL
  SIM_ADMIN_URL=$(admin_url iam-sim)
  # Browser tests run on wasm-bindgen's test server (a random port), the demo on another: allow
  # loopback origins on any port for this test proxy only.
  start_service iam-proxy target/debug/iam-proxy --edgerc dev/sim.edgerc --listen 127.0.0.1:0 \
    --upstream "$SIM_URL" --allow-origin 'http://127.0.0.1:*' || return 1
  export IAM_PROXY_URL="$SERVICE_URL" SIM_URL
  echo "simulator $SIM_URL, proxy $IAM_PROXY_URL"
  # A second pair for the Node fault tests: the simulator's admin API injects faults there, and a
  # server that drops every connection.
  start_service iam-sim-faults target/debug/iam-sim --edgerc dev/sim.edgerc --listen 127.0.0.1:0 \
    --admin-listen 127.0.0.1:0 || return 1
  FAULT_SIM_URL="$SERVICE_URL"
  export IAM_SIM_ADMIN_URL
  IAM_SIM_ADMIN_URL=$(admin_url iam-sim-faults)
  start_service iam-proxy-faults target/debug/iam-proxy --edgerc dev/sim.edgerc --listen 127.0.0.1:0 \
    --upstream "$FAULT_SIM_URL" || return 1
  export IAM_FAULT_PROXY_URL="$SERVICE_URL"
  # A third pair for the Node rate-limit and clock-skew tests: its admin API sets the rate limit
  # and the clock.
  start_service iam-sim-limits target/debug/iam-sim --edgerc dev/sim.edgerc --listen 127.0.0.1:0 \
    --admin-listen 127.0.0.1:0 || return 1
  LIMIT_SIM_URL="$SERVICE_URL"
  export IAM_LIMIT_SIM_ADMIN_URL
  IAM_LIMIT_SIM_ADMIN_URL=$(admin_url iam-sim-limits)
  start_service iam-proxy-limits target/debug/iam-proxy --edgerc dev/sim.edgerc --listen 127.0.0.1:0 \
    --upstream "$LIMIT_SIM_URL" || return 1
  export IAM_LIMIT_PROXY_URL="$SERVICE_URL"
  start_service drop-server python3 tests/support/drop_server.py || return 1
  export IAM_DROP_URL="$SERVICE_URL"
  down=""
}
down=""
if want chrome || want firefox || want node || want e2e || want consumers; then
  start_all || echo "$down" >&2
fi

# run_wasm SUITE TOOLS -- WASM-PACK-ARGS...: the suite, or one line saying why it cannot start.
run_wasm() {
  local suite="$1" tools=() why; shift
  while [ "$1" != -- ]; do tools+=("$1"); shift; done; shift
  if why=$(missing_tool "$suite" wasm-pack "${tools[@]}"); then cannot_start "$suite" "$why"; return; fi
  if [ -n "$down" ]; then cannot_start "$suite" "$down"; return; fi
  run "$suite" wasm-pack test --mode no-install "$@"
}
want chrome && run_wasm chrome chromium chromedriver -- --headless --chrome -- --test web
want firefox && run_wasm firefox firefox-esr geckodriver -- --headless --firefox -- --test web
want node && run_wasm node node -- --node -- --test node

if want e2e || want types; then
  echo "=== building the web package (www/pkg)"
  if wasm-pack build --mode no-install --target web --out-dir www/pkg --no-pack . >"$OUT/www-build.txt" 2>&1; then
    # The console imports the package's workflows entry point (plain JS) beside the wasm build.
    rm -rf www/pkg/workflows && cp -r pkg-template/workflows www/pkg/workflows
    if want e2e && [ -n "$down" ]; then
      cannot_start e2e "$down"
    elif want e2e; then
      if start_service www python3 scripts/serve.py www 0; then
        export DEMO_URL="$SERVICE_URL/?proxy=$IAM_PROXY_URL" SCREENSHOT_DIR="$OUT/screenshots"
        run e2e node --test --test-reporter=tap tests/e2e/
      else
        cannot_start e2e "the static server for www/ did not start (see $LOG_DIR/www.log)"
      fi
    fi
    want types && run types node --test --test-reporter=tap tests/types/
  else
    cat "$OUT/www-build.txt"
    want e2e && cannot_start e2e "the web build failed (see $OUT/www-build.txt)"
    want types && cannot_start types "the web build failed (see $OUT/www-build.txt)"
  fi
fi

if want consumers; then
  echo "=== building and packing the npm package (scripts/build-pkg.sh)"
  if PKG_TARBALL=$(scripts/build-pkg.sh 2>"$OUT/pkg-build.txt" | tail -n1) && [ -f "$PKG_TARBALL" ]; then
    export PKG_TARBALL
    run consumers node --test --test-reporter=tap --test-timeout=600000 tests/consumers/
  else
    cat "$OUT/pkg-build.txt"; cannot_start consumers "the npm package did not build (see $OUT/pkg-build.txt)"
  fi
fi

echo
printf '%s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
