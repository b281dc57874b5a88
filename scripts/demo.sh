#!/usr/bin/env bash
# Builds everything, starts the IAM simulator, the signing proxy and a static server for www/,
# and prints the demo page's URL. Ctrl-C stops all three.
#   DEMO_PORT (8080), PROXY_PORT (8600), SIM_PORT (8601) choose the ports.
#   scripts/demo.sh --check   starts everything, checks the page and the API answer, then exits.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
check=false; [ "${1:-}" = "--check" ] && check=true

scripts/setup.sh demo
echo "[demo] building the wasm client (web target) and the native binaries"
wasm-pack build --mode no-install --target web --out-dir www/pkg --no-pack . >/dev/null 2>"${TMPDIR:-/tmp}/demo-wasm-pack.log" \
  || { cat "${TMPDIR:-/tmp}/demo-wasm-pack.log" >&2; exit 1; }
# The console's access review, expiring credentials and bulk actions: the package's workflows entry.
rm -rf www/pkg/workflows && cp -r pkg-template/workflows www/pkg/workflows
cargo build --quiet -p iam-sim -p iam-proxy

LOG_DIR=test-output/demo-logs
# shellcheck source=lib.sh
. scripts/lib.sh
trap stop_services EXIT INT TERM

demo_port="${DEMO_PORT:-8080}"
start_service iam-sim target/debug/iam-sim --edgerc dev/sim.edgerc --listen "127.0.0.1:${SIM_PORT:-8601}"
sim_url="$SERVICE_URL"
start_service iam-proxy target/debug/iam-proxy --edgerc dev/sim.edgerc --listen "127.0.0.1:${PROXY_PORT:-8600}" \
  --upstream "$sim_url" --allow-origin "http://127.0.0.1:$demo_port" --allow-origin "http://localhost:$demo_port"
proxy_url="$SERVICE_URL"
start_service www python3 scripts/serve.py www "$demo_port"
www_url="$SERVICE_URL"

page="$www_url/?proxy=$proxy_url"
if $check; then
  # Read whole answers before matching (grep -q would close the pipe early and fail the pipeline).
  html=$(curl -fsS "$page") && [[ "$html" == *"<title>"* ]] \
    || { echo "[demo] the page did not load" >&2; exit 1; }
  users=$(curl -fsS "$proxy_url/identity-management/v3/user-admin/ui-identities") \
    && [[ "$users" == *uiIdentityId* ]] || { echo "[demo] the API did not answer through the proxy" >&2; exit 1; }
  echo "[demo] check passed: $page"
  exit 0
fi
cat <<MSG

  IAM admin console demo:  $page

  simulator  $sim_url   (logs: $LOG_DIR/iam-sim.log)
  proxy      $proxy_url   (logs: $LOG_DIR/iam-proxy.log)
  Ctrl-C stops everything.
MSG
wait
