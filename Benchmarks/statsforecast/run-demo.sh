#!/usr/bin/env bash
# SupplyCast against statsforecast's AutoETS on the demo network's daily series: the last 28 days held out, the
# same history for both, one table. Usage: Benchmarks/statsforecast/run-demo.sh
#   DAYS=730      days of demo history (the default network)
#   N_JOBS=2      statsforecast worker processes
# SupplyCast forecasts with its drivers as in production: the census (forecast ahead) and the OR schedule booked
# for the held-out days (the next 14 days as booked, later days from each procedure's recent weekday average).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
days="${DAYS:-730}"
jobs="${N_JOBS:-$(nproc)}"
venv="$repo/.venv"
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
"$venv/bin/python" -c "import statsforecast" 2>/dev/null || "$venv/bin/pip" install -q statsforecast
make -C "$repo" release >&2
bin="$repo/.build/release/supplycast"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "== generating the demo network ($days days)" >&2
"$bin" demo --db "$work/demo.sqlite" --out "$work/demo-data" --days "$days" > "$work/demo.log"
end="2026-11-20"
as_of="$(date -d "$end - 28 days" +%F)"
echo "== SupplyCast forecast run as of $as_of" >&2
started="$(date +%s.%N)"
"$bin" forecast run --db "$work/demo.sqlite" --as-of "$as_of" --config "$repo/Models/forecasting.json" >&2
finished="$(date +%s.%N)"
"$bin" usage --db "$work/demo.sqlite" --to "$as_of" --format csv > "$work/history.csv"
"$bin" usage --db "$work/demo.sqlite" --from "$(date -d "$as_of + 1 day" +%F)" --format csv > "$work/actuals.csv"
"$bin" forecast export --db "$work/demo.sqlite" --format csv > "$work/forecasts.csv"
echo "== statsforecast $("$venv/bin/python" -c 'import statsforecast; print(statsforecast.__version__)') AutoETS" >&2
"$venv/bin/python" "$repo/Benchmarks/statsforecast/compare_demo.py" "$work" \
  --fit-seconds "$(echo "$finished - $started" | bc -l)" --n-jobs "$jobs"
