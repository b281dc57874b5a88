#!/usr/bin/env bash
# Load test of the signing proxy: LOAD_CLIENTS (default 64) clients for LOAD_SECS (default 60) s
# through the release binary to a local upstream that fails 10% of requests. Prints the requests,
# the answers by status, transport errors and the proxy's VmRSS at start, middle and end.
#   crates/proxy/bench/load.sh                 # 64 clients, 60 s
#   LOAD_SECS=10 crates/proxy/bench/load.sh    # a quick look
set -euo pipefail
cd "$(dirname "$0")/../../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
exec cargo test --release -p iam-proxy --test load -- --ignored --nocapture
