#!/usr/bin/env bash
# Load test of issue 8 against the real simulator: 64 connections for 60 s (LOAD_CLIENTS, LOAD_SECS)
# through iam-proxy (release) to iam-sim with 10% injected upstream failures (429, 503, dropped
# connections; LOAD_FAULT_RATE). Prints the answers by status and content type, socket errors, and
# the proxy's RSS sampled every 5 s (VmRSS) with its peak (VmHWM). Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/../../.."
clients="${LOAD_CLIENTS:-64}" secs="${LOAD_SECS:-60}" rate="${LOAD_FAULT_RATE:-0.1}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
cargo build --quiet --release -p iam-sim -p iam-proxy
LOG_DIR=test-output/load-sim
# shellcheck source=../../../scripts/lib.sh
. scripts/lib.sh
trap stop_services EXIT INT TERM
start_service iam-sim target/release/iam-sim --edgerc dev/sim.edgerc --listen 127.0.0.1:0 --admin-listen 127.0.0.1:0
sim="$SERVICE_URL"; admin=$(admin_url iam-sim)
start_service iam-proxy target/release/iam-proxy --edgerc dev/sim.edgerc --listen 127.0.0.1:0 --upstream "$sim"
proxy="$SERVICE_URL"; pid="${SERVICE_PIDS[-1]}"
curl -fsS -X PUT "$admin/faults" -H 'content-type: application/json' \
  -d "{\"rate\": $rate, \"kinds\": [\"429\", \"503\", \"drop\"], \"retryAfterSecs\": 1, \"seed\": 8}" >/dev/null
cat >"$LOG_DIR/count.lua" <<'LUA'
counts = {}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init() counts = {} end
response = function(status, headers, body)
  local ct = headers["content-type"] or headers["Content-Type"] or "-"
  local key = status .. " " .. ct
  counts[key] = (counts[key] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("answers %s: %d\n", k, v)) end
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
rss() { awk '/VmRSS|VmHWM/ {printf "%s %s kB  ", $1, $2}' "/proc/$pid/status"; echo; }
echo "proxy RSS at start: $(rss)"
( for _ in $(seq 1 $((secs / 5))); do sleep 5; echo "proxy RSS: $(rss)"; done ) &
sampler=$!
wrk -t2 -c"$clients" -d"${secs}s" --timeout 10s -s "$LOG_DIR/count.lua" \
  "$proxy/identity-management/v3/user-admin/ui-identities?authGrants=true"
wait "$sampler" || true
echo "proxy RSS at end: $(rss)"
kill -0 "$pid" && echo "proxy still running: no crash"
