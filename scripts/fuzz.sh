#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz + libFuzzer) of every parser at a trust boundary: fuzz/.
#   scripts/fuzz.sh [TARGET|all] [SECONDS]     every target for 300 s each by default
# Targets: edgerc sign proxy_target sim_request client_params (each states its oracles at its top).
# Installs the nightly toolchain and cargo-fuzz 0.13.2 when missing. Each run starts from the
# committed seeds (fuzz/seeds/<target>/) and the corpus grown by earlier runs (fuzz/corpus/<target>/);
# a crash stops its target and lands in fuzz/artifacts/<target>/ (replay it with
# `cd fuzz && cargo +nightly fuzz run -s none -a TARGET artifacts/TARGET/crash-...`). Logs go to
# test-output/fuzz/. Ends with a table: executions, exec/s, coverage (libFuzzer's cov and ft),
# corpus size and crashes per target; exits 1 when any target crashed.
# Not part of scripts/test.sh (too long); every crash it finds becomes a regression test there.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

ALL=(edgerc sign proxy_target sim_request client_params)
which=${1:-all}
seconds=${2:-300}
if [ "$which" = all ]; then targets=("${ALL[@]}"); else targets=("$which"); fi
case " ${ALL[*]} " in *" ${targets[0]} "*) ;; *) echo "unknown target $which (${ALL[*]})" >&2; exit 2 ;; esac

if ! rustup toolchain list | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal || exit 1
fi
if ! cargo fuzz --version 2>/dev/null | grep -q '0\.13\.2'; then
  cargo install cargo-fuzz --locked --version 0.13.2 || exit 1
fi

# No sanitizer: the code under test is safe Rust, and without ASan each target runs several times
# faster. Debug assertions on (-a), so integer overflow panics too.
FLAGS=(-s none -a)
logs="$PWD/test-output/fuzz"
mkdir -p "$logs"
cd fuzz || exit 1
echo "=== building ${targets[*]}"
for t in "${targets[@]}"; do
  cargo +nightly fuzz build "${FLAGS[@]}" "$t" || exit 1
done

rows=()
crashed=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  before=$(find "artifacts/$t" -type f | wc -l)
  log="$logs/$t.log"
  echo "=== $t: ${seconds}s (log: test-output/fuzz/$t.log)"
  cargo +nightly fuzz run "${FLAGS[@]}" "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    >"$log" 2>&1
  rc=$?
  after=$(find "artifacts/$t" -type f | wc -l)
  crashes=$((after - before))
  [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ] && crashes="?(exit $rc)"
  [ "$crashes" != 0 ] && { crashed=1; grep -m3 -E "panicked|ERROR|Test unit written" "$log"; }
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  status=$(grep -E '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  cov=$(sed -E 's/.*cov: ([0-9]+).*/\1/' <<<"$status")
  ft=$(sed -E 's/.*ft: ([0-9]+).*/\1/' <<<"$status")
  corp=$(sed -E 's/.*corp: ([0-9]+).*/\1/' <<<"$status")
  rows+=("$(printf '%-14s %7s %12s %8s %7s %7s %7s %8s' "$t" "$seconds" "${execs:--}" "${rate:--}" \
    "${cov:--}" "${ft:--}" "${corp:--}" "$crashes")")
done

echo
printf '%-14s %7s %12s %8s %7s %7s %7s %8s\n' target seconds executions exec/s cov ft corpus crashes
printf '%s\n' "${rows[@]}"
exit "$crashed"
