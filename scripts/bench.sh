#!/usr/bin/env bash
# Benchmarks against their anchors (not part of scripts/test.sh): bundle size, call overhead and cold
# start in headless Chromium (and Node), EdgeGrid signing rate, and the proxy's added latency and
# throughput. Builds what it needs in release mode, starts and stops its own servers on 127.0.0.1,
# and writes test-output/bench/results.md (also printed) and results.json. See BENCHMARKS.md.
#   scripts/bench.sh           full run (about 3 minutes once built; 10+ minutes when it compiles)
#   scripts/bench.sh --quick   fewer runs and shorter loads (about 2 minutes once built)
#   scripts/bench.sh --proxy   only the proxy part (5/5) at full length (about 2 minutes once built):
#                              test-output/bench/proxy.json, and a summary printed
#   scripts/bench.sh [--quick] --client   only the client's figures (bundle, call overhead, cold
#                              start): skips the signer and probe builds, signing and the proxy
# BENCH_PROXY_BIN / BENCH_SIM_BIN: run part 5 with these binaries instead of this tree's release
# builds (before/after comparisons: keep an older build's binary, alternate the two with --proxy).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
started=$(date +%s)
mode=full
client_only=false
for arg in "$@"; do
  case "$arg" in
    --quick) mode=quick ;;
    --proxy) mode=proxy ;;
    --client) client_only=true ;;
    *) echo "usage: scripts/bench.sh [--quick|--proxy] [--client]" >&2; exit 2 ;;
  esac
done
if [ "$mode" = quick ]; then
  RUNS=10 COLD_RUNS=3 SIGN_SECS=0.5 SIGN_REPS=1 UNLOADED_SECS=3 PACED_SECS=5 LOAD_SECS=5
else
  RUNS=30 COLD_RUNS=30 SIGN_SECS=2 SIGN_REPS=3 UNLOADED_SECS=10 PACED_SECS=15 LOAD_SECS=30
fi
PACE_MS=20
OUT=test-output/bench
say() { printf '[bench] %s\n' "$*" >&2; }
rm -f "$OUT"/*.json "$OUT"/*.jsonl "$OUT"/results.md
mkdir -p "$OUT"
LOG_DIR="$OUT/logs"
# shellcheck source=lib.sh
. scripts/lib.sh
trap stop_services EXIT INT TERM
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_before=$(load)
all_parts() { [ "$mode" != proxy ]; }

# --- tools and anchors (installed once, then skipped) ---
scripts/setup.sh demo
if all_parts; then
  [ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] \
    || npm ci --no-audit --no-fund --loglevel=error
  [ -x /usr/bin/chromium ] || { say "needs /usr/bin/chromium (scripts/setup.sh test installs it)"; exit 1; }
fi
if ! command -v wrk >/dev/null; then
  say "installing wrk"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wrk >/dev/null
fi
all_parts && { python3 -c 'import importlib.metadata as m, sys; sys.exit(m.version("edgegrid-python") != "2.0.9")' 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check "edgegrid-python==2.0.9"; }
if all_parts && { [ ! -d bench/node_modules/akamai-edgegrid ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; }; then
  say "installing the npm anchor (akamai-edgegrid 4.0.4) into bench/node_modules"
  npm ci --prefix bench --no-audit --no-fund --loglevel=error
fi

# --- release builds ---
if all_parts; then
say "building the client (release, --target web) and running wasm-opt -Oz"
wasm-pack build --mode no-install --release --target web --out-dir "$OUT/pkg-web-raw" --no-pack . \
  >"$OUT/build-web.log" 2>&1 || { cat "$OUT/build-web.log" >&2; exit 1; }
rm -rf "$OUT/pkg-web" && mkdir -p "$OUT/pkg-web"
cp -r "$OUT/pkg-web-raw/akamai_iam_wasm.js" "$OUT/pkg-web-raw/snippets" "$OUT/pkg-web/"
node scripts/finish-glue.mjs "$OUT/pkg-web/akamai_iam_wasm.js" 2>>"$OUT/build-web.log" \
  || { cat "$OUT/build-web.log" >&2; exit 1; } # as scripts/build-pkg.sh ships it
raw_wasm="$OUT/pkg-web-raw/akamai_iam_wasm_bg.wasm"
raw_sum=$(sha256sum "$raw_wasm" | cut -d' ' -f1)
if [ "$(cat "$OUT/opt.stamp" 2>/dev/null)" != "$raw_sum" ]; then # wasm-opt takes ~1 min: only when changed
  wasm-opt -Oz "$raw_wasm" -o "$OUT/opt.wasm"
  wasm-opt -Oz --debuginfo "$raw_wasm" -o "$OUT/opt-named.wasm" # the same code, with names, for the breakdown
  echo "$raw_sum" >"$OUT/opt.stamp"
fi
cp "$OUT/opt.wasm" "$OUT/pkg-web/akamai_iam_wasm_bg.wasm"
# The default browser entry, as scripts/build-pkg.sh ships it: the glue, initialising itself.
node scripts/entry-glue.mjs "$OUT/pkg-web/akamai_iam_wasm.js" "$OUT/pkg-web/index.js" 2>>"$OUT/build-web.log" || { cat "$OUT/build-web.log" >&2; exit 1; }
fi
if [ "$client_only" = false ]; then
say "building iam-sim and iam-proxy (release)"
cargo build --quiet --release -p iam-sim -p iam-proxy
say "building the bench signer (native and --target nodejs)"
if all_parts; then
  (cd bench/signer && CARGO_TARGET_DIR=../../target/bench cargo build --quiet --release --bin sign-native)
  # The fix BENCHMARKS.md proposes for the signing target: the signer and its dependencies at
  # opt-level 3 while everything else keeps the workspace's "z".
  (cd bench/signer && CARGO_TARGET_DIR=../../target/bench-o3 cargo build --quiet --release \
    --config 'profile.release.package."*".opt-level=3' --bin sign-native)
fi
(cd bench/signer && CARGO_TARGET_DIR=../../target/bench wasm-pack build --mode no-install --release \
  --target nodejs --out-dir ../../"$OUT/pkg-sign" --no-pack .) >"$OUT/build-sign.log" 2>&1 \
  || { cat "$OUT/build-sign.log" >&2; exit 1; }
echo '{"type":"commonjs"}' >"$OUT/pkg-sign/package.json" # the repository's package.json says "module"
fi
if all_parts; then
# --target web: the client's inline JS snippet is an ES module, which the nodejs target cannot load.
if [ "$client_only" = false ]; then
say "building the decoding probe (the client's types, --target web, loaded in Node)"
(cd bench/probe && CARGO_TARGET_DIR=../../target/bench wasm-pack build --mode no-install --release \
  --target web --out-dir ../../"$OUT/pkg-probe" --no-pack .) >"$OUT/build-probe.log" 2>&1 \
  || { cat "$OUT/build-probe.log" >&2; exit 1; }
fi

# --- 1. bundle ---
say "1/5 bundle"
# The glue is one file: scripts/finish-glue.mjs inlined its snippets; index.js is it, self-initialising.
node bench/bundle/bundle.mjs "$OUT/pkg-web/akamai_iam_wasm_bg.wasm" "$OUT/opt-named.wasm" "$raw_wasm" \
  "$OUT/pkg-web/akamai_iam_wasm.js" "$OUT/pkg-web/index.js" >"$OUT/bundle.json"

# --- 2 and 3. call overhead and cold start ---
say "2/5 call overhead and 3/5 cold start (headless Chromium, $RUNS runs; Node)"
start_service bench-server node bench/browser/server.mjs "$OUT/pkg-web" tests/common/fixtures
static_url="$SERVICE_URL"
api_url=$(sed -n 's/.*api=\(http:[0-9.:/]*\).*/\1/p' "$LOG_DIR/bench-server.out")
node bench/browser/run.mjs "$static_url" "$api_url" "$OUT/browser.json" "$RUNS" "$COLD_RUNS"
: >"$OUT/cold-node.jsonl"
for _ in $(seq 1 "$COLD_RUNS"); do
  node bench/browser/cold-node.mjs "$OUT/pkg-web" "$api_url" >>"$OUT/cold-node.jsonl"
  node bench/browser/cold-node.mjs "$OUT/pkg-web" "$api_url" fetch >>"$OUT/cold-node.jsonl"
done
if [ "$client_only" = false ]; then
  say "profiling the client's decoding stage by stage (bench/probe, in Node)"
  node bench/browser/probe.mjs "$OUT/pkg-probe" "$api_url" "$RUNS" >"$OUT/probe.json"
fi
stop_services

# --- 4. signing ---
if [ "$client_only" = false ]; then
say "4/5 signing ($SIGN_REPS × each signer, ${SIGN_SECS} s of rounds of 1,000 requests)"
node bench/sign/requests.mjs dev/sim.edgerc "$OUT/requests.json"
: >"$OUT/sign.jsonl"
for _ in $(seq 1 "$SIGN_REPS"); do
  target/bench/release/sign-native "$OUT/requests.json" --secs "$SIGN_SECS" >>"$OUT/sign.jsonl"
  target/bench-o3/release/sign-native "$OUT/requests.json" --secs "$SIGN_SECS" \
    | sed 's/"signer":"native"/"signer":"native-o3"/' >>"$OUT/sign.jsonl"
  node bench/sign/sign-node.mjs wasm "$OUT/requests.json" "$OUT/pkg-sign" "$SIGN_SECS" >>"$OUT/sign.jsonl"
  node bench/sign/sign-node.mjs npm "$OUT/requests.json" - "$SIGN_SECS" >>"$OUT/sign.jsonl"
  python3 bench/sign/sign_python.py "$OUT/requests.json" "$SIGN_SECS" >>"$OUT/sign.jsonl"
done
fi

fi

# --- 5. proxy ---
if [ "$client_only" = false ]; then
say "5/5 proxy: 1 connection ${UNLOADED_SECS} s, 64 paced ${PACED_SECS} s, 64 flat out ${LOAD_SECS} s; direct and proxied"
sim_bin=${BENCH_SIM_BIN:-target/release/iam-sim} proxy_bin=${BENCH_PROXY_BIN:-target/release/iam-proxy}
say "proxy $("$proxy_bin" --version 2>/dev/null || echo '(no --version)'): $proxy_bin; simulator: $sim_bin"
start_service iam-sim "$sim_bin" --edgerc dev/sim.edgerc --listen 127.0.0.1:0 --max-skew 3600
sim_url="$SERVICE_URL" sim_pid="${SERVICE_PIDS[-1]}"
start_service iam-proxy "$proxy_bin" --edgerc dev/sim.edgerc --listen 127.0.0.1:0 --upstream "$sim_url"
proxy_url="$SERVICE_URL" proxy_pid="${SERVICE_PIDS[-1]}"
target=/identity-management/v3/user-admin/ui-identities/F-CO-3917000
curl -fsS -o /dev/null "$proxy_url$target" || { say "the proxy does not answer $target"; exit 1; }
auth=$(node bench/proxy/presign.mjs dev/sim.edgerc "$OUT/pkg-sign" "$target")
curl -fsS -o /dev/null -H "Authorization: $auth" "$sim_url$target" || { say "the pre-signed request is refused"; exit 1; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU time, in clock ticks
tick_us=$((1000000 / $(getconf CLK_TCK)))
wrk_run() { # NAME URL SECS CONNECTIONS SCRIPT [HEADER]: wrk's summary plus the CPU time the servers used
  local name="$1" url="$2" secs="$3" conns="$4" script="$5"; shift 5
  local threads=2; [ "$conns" -eq 1 ] && threads=1
  local p0 s0; p0=$(ticks "$proxy_pid"); s0=$(ticks "$sim_pid")
  PACE_MS=$PACE_MS wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 5s -s "$script" "$@" "$url$target" \
    >"$LOG_DIR/wrk-$name.txt"
  local summary; summary=$(tail -n1 "$LOG_DIR/wrk-$name.txt")
  printf '"%s":%s,"proxyCpuUs":%d,"simCpuUs":%d}' "$name" "${summary%\}}" \
    $(( ($(ticks "$proxy_pid") - p0) * tick_us )) $(( ($(ticks "$sim_pid") - s0) * tick_us ))
}
{
  printf '{"target":"%s","unloadedSecs":%s,"pacedSecs":%s,"loadSecs":%s,"paceMs":%s,"runs":{' \
    "$target" "$UNLOADED_SECS" "$PACED_SECS" "$LOAD_SECS" "$PACE_MS"
  wrk_run direct_c1 "$sim_url" "$UNLOADED_SECS" 1 bench/proxy/summary.lua -H "Authorization: $auth"; printf ,
  wrk_run proxy_c1 "$proxy_url" "$UNLOADED_SECS" 1 bench/proxy/summary.lua; printf ,
  wrk_run direct_paced "$sim_url" "$PACED_SECS" 64 bench/proxy/paced.lua -H "Authorization: $auth"; printf ,
  wrk_run proxy_paced "$proxy_url" "$PACED_SECS" 64 bench/proxy/paced.lua; printf ,
  wrk_run direct_c64 "$sim_url" "$LOAD_SECS" 64 bench/proxy/summary.lua -H "Authorization: $auth"; printf ,
  wrk_run proxy_c64 "$proxy_url" "$LOAD_SECS" 64 bench/proxy/summary.lua
  printf '}}\n'
} >"$OUT/proxy.json"
stop_services
fi

# --- report ---
if ! all_parts; then
  node -e '
    const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")), r = p.runs;
    const rps = (x) => Math.round(x.requests / (x.durationUs / 1e6)), ms = (us) => (us / 1000).toFixed(3);
    for (const k of ["c1", "paced", "c64"]) {
      const d = r["direct_" + k], x = r["proxy_" + k];
      console.log(`${k}: direct ${rps(d)} req/s p50 ${ms(d.p50Us)} p99 ${ms(d.p99Us)} ms | proxy ${rps(x)} req/s p50 ${ms(x.p50Us)} p99 ${ms(x.p99Us)} ms | added p99 ${ms(x.p99Us - d.p99Us)} ms`);
    }' "$OUT/proxy.json"
  exit 0
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
cat >"$OUT/env.json" <<JSON
{"mode":"$mode","command":"scripts/bench.sh${*:+ $*}","date":"$(date -u +%Y-%m-%dT%H:%MZ)","cpu":"$cpu","cores":$(nproc),
 "loadBefore":"$load_before","loadAfter":"$(load)","node":"$(node --version)","rustc":"$(rustc --version | cut -d' ' -f1-2)",
 "seconds":$(( $(date +%s) - started ))}
JSON
node bench/report.mjs "$OUT"
