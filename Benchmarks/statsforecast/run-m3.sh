#!/usr/bin/env bash
# SupplyCast's `forecast file` path and statsforecast's AutoETS, AutoTheta, AutoCES and their mean on M3 monthly
# (last 18 months held out, season 12), scored by one script, in one run.
# Usage: Benchmarks/statsforecast/run-m3.sh [path/to/m3-monthly.csv]
#   FORECAST_BENCHMARK_BIN=/path/to/forecast-benchmark  use a prebuilt binary instead of building one
#   N_JOBS=2                                            worker threads / statsforecast processes
#   SF_CACHE=DIR                                        keep statsforecast's forecasts in DIR and reuse them
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
csv="${1:-$repo/../shared/data/m3-monthly.csv}"
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
"$venv/bin/python" "$repo/Benchmarks/statsforecast/compare_m3.py" split "$csv" "$out/train.csv"
echo "== SupplyCast (forecast-benchmark --forecast-file: the path of \`supplycast forecast file\`)" >&2
"$bin" --forecast-file "$out/train.csv" --horizon 18 --season 12 --output "$out/supplycast.csv" \
  --config "$repo/Models/forecasting.json" --workers "$jobs" | tee "$out/swift.txt" | grep -v '^TIME' >&2
seconds="$(awk -F'\t' '$1 == "TIME" { print $2 }' "$out/swift.txt")"
echo "== statsforecast $("$venv/bin/python" -c 'import statsforecast; print(statsforecast.__version__)')" >&2
"$venv/bin/python" "$repo/Benchmarks/statsforecast/compare_m3.py" score "$csv" --supplycast "$out/supplycast.csv" \
  --supplycast-time "$seconds" --n-jobs "$jobs" ${SF_CACHE:+--cache "$SF_CACHE"} | tee "$out/python.txt" | grep -v '^RESULT'
results="$out/python.txt"
ours="$(awk -F'\t' '$1 == "RESULT" && $2 == "supplycast" { print $4 }' "$results")"
best="$(awk -F'\t' '$1 == "RESULT" && $2 == "statsforecast" { print $4 }' "$results" | sort -g | head -1)"
ets_time="$(awk -F'\t' '$1 == "RESULT" && $3 == "AutoETS" { print $8 }' "$results")"
echo
awk -v o="$ours" -v b="$best" -v a="$ets_time" -v s="$seconds" 'BEGIN {
  printf "SupplyCast MASE %.3f = %.3f x best statsforecast (%.3f); target <= 0.97\n", o, o / b, b
  if (s > 0) printf "speed: SupplyCast %.2f s vs AutoETS %.2f s = %.0fx faster\n", s, a, a / s }'
