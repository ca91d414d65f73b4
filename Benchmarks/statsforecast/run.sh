#!/usr/bin/env bash
# Runs SupplyCast's forecast-benchmark and statsforecast on carparts with the same split, then prints
# one comparison table. Usage: Benchmarks/statsforecast/run.sh [path/to/carparts.csv]
#   FORECAST_BENCHMARK_BIN=/path/to/forecast-benchmark  use a prebuilt binary instead of building one
#   N_JOBS=2                                            statsforecast worker processes
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
csv="${1:-$repo/../shared/data/carparts.csv}"
jobs="${N_JOBS:-$(nproc)}"
venv="$repo/.venv"
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import statsforecast" 2>/dev/null || "$venv/bin/pip" install -q statsforecast
bin="${FORECAST_BENCHMARK_BIN:-}"
if [[ -z "$bin" ]]; then
  (cd "$repo" && SUPPLYCAST_BENCHMARKS=1 swift build -c release --product forecast-benchmark >&2)
  bin="$(cd "$repo" && SUPPLYCAST_BENCHMARKS=1 swift build -c release --show-bin-path)/forecast-benchmark"
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "== SupplyCast (forecast-benchmark)" >&2
"$bin" --carparts "$csv" --models --workers "$jobs" | tee "$out/swift.txt" | grep -v '^RESULT' >&2
echo "== statsforecast $("$venv/bin/python" -c 'import statsforecast; print(statsforecast.__version__)')" >&2
"$venv/bin/python" "$repo/Benchmarks/statsforecast/compare_carparts.py" "$csv" --n-jobs "$jobs" \
  | tee "$out/python.txt" | grep -v '^RESULT' >&2
echo
echo "carparts, last 6 months held out, 2,509 series (mean over series; pinball scaled like MASE)"
{
  printf 'tool\tmodel\tMASE\tRMSSE\tpinball\tcov95\tMASE(q50)\ttime_s\n'
  grep -h '^RESULT' "$out/swift.txt" "$out/python.txt" | cut -f2-
} | column -t -s $'\t'
autoets="$(grep -h $'^RESULT\tstatsforecast\tAutoETS' "$out/python.txt" | cut -f9)"
ours="$(grep -h $'^RESULT\tsupplycast\tSupplyCast (selected)' "$out/swift.txt" | cut -f9)"
echo
awk -v a="$autoets" -v o="$ours" 'BEGIN { if (o > 0) printf "speed: SupplyCast full selection %.2f s vs AutoETS %.2f s = %.0fx faster\n", o, a, a / o }'
