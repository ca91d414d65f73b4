#!/usr/bin/env bash
# Runs SupplyCast's forecast-benchmark and statsforecast on carparts with the same split, then prints
# one comparison table, then the same over successive earlier holdouts. Usage: Benchmarks/statsforecast/run.sh [path/to/carparts.csv]
#   WINDOWS=4                                           6-month holdouts scored (window 0 is the issue's split)
#   FORECAST_BENCHMARK_BIN=/path/to/forecast-benchmark  use a prebuilt binary instead of building one
#   N_JOBS=2                                            statsforecast worker processes
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
csv="${1:-$repo/../shared/data/carparts.csv}"
jobs="${N_JOBS:-$(nproc)}"
windows="${WINDOWS:-4}"
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
"$bin" --carparts "$csv" --windows "$windows" --models --workers "$jobs" | tee "$out/swift.txt" | grep -v '^RESULT' >&2
echo "== statsforecast $("$venv/bin/python" -c 'import statsforecast; print(statsforecast.__version__)')" >&2
"$venv/bin/python" "$repo/Benchmarks/statsforecast/compare_carparts.py" "$csv" --n-jobs "$jobs" --windows "$windows" \
  | tee "$out/python.txt" | grep -v '^RESULT' >&2
results="$out/results.tsv"
grep -h '^RESULT' "$out/swift.txt" "$out/python.txt" | cut -f2- > "$results"
echo
echo "carparts, last 6 months held out (window 0), 2,509 series (mean over series; pinball scaled like MASE)"
{
  printf 'tool\tmodel\tMASE\tRMSSE\tpinball\tcov95\tMASE(q50)\ttime_s\n'
  awk -F'\t' -v OFS='\t' '$3 == 0 { $3 = ""; sub(/\t\t/, "\t"); print }' "$results"
} | column -t -s $'\t'
if (( windows > 1 )); then
  echo
  echo "carparts, $windows successive 6-month holdouts: MASE of the point forecast (mean; q50 in brackets) per window"
  awk -F'\t' -v n="$windows" '
    { key = $1 "\t" $2; if (!(key in seen)) { seen[key] = 1; order[++k] = key }
      mase[key, $3] = $4; q50[key, $3] = $8; if ($6 != "-") { pin[key] += $6; pins[key]++ }
      sum[key] += $4; sumq[key] += $8 }
    END {
      printf "tool\tmodel"; for (w = 0; w < n; w++) printf "\tw%d", w; printf "\tmean MASE\tmean MASE(q50)\tmean pinball\n"
      for (i = 1; i <= k; i++) { key = order[i]; printf "%s", key
        for (w = 0; w < n; w++) printf "\t%s (%s)", mase[key, w], q50[key, w]
        printf "\t%.3f\t%.3f\t%s\n", sum[key] / n, sumq[key] / n, pins[key] ? sprintf("%.3f", pin[key] / pins[key]) : "-" }
    }' "$results" | column -t -s $'\t'
fi
autoets="$(awk -F'\t' '$1 == "statsforecast" && $2 == "AutoETS" && $3 == 0 { print $9 }' "$results")"
ours="$(awk -F'\t' '$1 == "supplycast" && $2 == "SupplyCast (selected)" && $3 == 0 { print $9 }' "$results")"
echo
awk -v a="$autoets" -v o="$ours" 'BEGIN { if (o > 0) printf "speed: SupplyCast full selection %.2f s vs AutoETS %.2f s = %.0fx faster\n", o, a, a / o }'
