# Shared by demo.sh and test.sh: start a service in the background and read the URL it prints.
# shellcheck shell=bash

SERVICE_PIDS=()
LOG_DIR="${LOG_DIR:-test-output/logs}"
mkdir -p "$LOG_DIR"

stop_services() {
  local pid
  for pid in "${SERVICE_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${SERVICE_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  SERVICE_PIDS=()
}

# start_service NAME CMD [ARGS...]: runs CMD with stdout to $LOG_DIR/NAME.out and stderr to
# $LOG_DIR/NAME.log, waits (up to 60 s) for a line containing http://HOST:PORT on stdout and sets
# SERVICE_URL to it (no trailing slash).
start_service() {
  local name="$1"; shift
  local out="$LOG_DIR/$name.out"
  : >"$out"
  "$@" >"$out" 2>"$LOG_DIR/$name.log" &
  local pid=$!
  SERVICE_PIDS+=("$pid")
  local i
  for i in $(seq 1 600); do
    SERVICE_URL=$(grep -o 'http://[0-9.]*:[0-9]*' "$out" | head -n1 || true)
    if [ -n "$SERVICE_URL" ]; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited before it was ready; its log:" >&2
      cat "$LOG_DIR/$name.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$name did not print its URL within 60 s" >&2
  return 1
}

# admin_url NAME: the `admin on http://HOST:PORT` line an iam-sim started with --admin-listen prints
# after its first line (waits up to 5 s for it).
admin_url() {
  local url i
  for i in $(seq 1 50); do
    url=$(grep -o 'admin on http://[0-9.]*:[0-9]*' "$LOG_DIR/$1.out" | sed 's/admin on //' || true)
    if [ -n "$url" ]; then echo "$url"; return 0; fi
    sleep 0.1
  done
  echo "$1 printed no admin URL" >&2
  return 1
}
