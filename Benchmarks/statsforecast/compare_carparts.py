"""statsforecast on carparts with the split SupplyCast's forecast-benchmark uses.

Hold out the last 6 months of every series with at least 24 training months (2,509 series), season 12.
Prints, per model: MASE and RMSSE (scaled by the training series' mean absolute / root mean squared first
difference), scaled pinball loss over q50/q80/q90/q95/q99 and 95% coverage (only where statsforecast has
native intervals), MASE of the median, and wall time. Series with a zero scale are skipped, as in Swift.

    python compare_carparts.py /work/shared/data/carparts.csv [--n-jobs 2] [--windows 4]

With --windows N it scores N successive 6-month holdouts (window w ends 6·w months before the data does),
and adds a reference row per window: the all-zero forecast, which shows how much MASE of a point forecast
rewards sitting at zero on sparse demand.
"""
import argparse
import os
import time

import numpy as np
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import (ADIDA, IMAPA, TSB, AutoETS, CrostonSBA, Naive, SeasonalNaive,
                                  SimpleExponentialSmoothingOptimized)

HORIZON = 6
REPORTED = [0.5, 0.8, 0.9, 0.95, 0.99]
# Two-sided levels whose upper/lower bounds give the quantiles above plus q0.025/q0.975.
LEVELS = [60, 80, 90, 95, 98]


def split(df, window=0):
    df = df.sort_values(["unique_id", "ds"])
    if window:
        df = df.drop(df.groupby("unique_id").tail(window * HORIZON).index)
    sizes = df.groupby("unique_id").size()
    keep = sizes[sizes - HORIZON >= 24].index
    df = df[df.unique_id.isin(keep)]
    test = df.groupby("unique_id").tail(HORIZON)
    train = df.drop(test.index)
    return train, test


def quantile_columns(name):
    cols = {0.5: name}
    for level in LEVELS:
        cols[round(0.5 + level / 200, 4)] = f"{name}-hi-{level}"
        cols[round(0.5 - level / 200, 4)] = f"{name}-lo-{level}"
    return cols


def score(train, test, forecast, name, has_intervals):
    merged = test.merge(forecast, on=["unique_id", "ds"], how="left")
    rows = []
    for uid, g in merged.groupby("unique_id", sort=False):
        y_train = train_groups[uid]
        diffs = np.diff(y_train)
        scale = np.mean(np.abs(diffs))
        sq_scale = np.sqrt(np.mean(diffs ** 2))
        if scale == 0:
            continue
        y = g["y"].to_numpy()
        mean = g[name].to_numpy()
        mase = np.mean(np.abs(y - mean)) / scale
        rmsse = np.sqrt(np.mean((y - mean) ** 2)) / sq_scale
        pinball = coverage = np.nan
        if has_intervals:
            cols = quantile_columns(name)
            losses = []
            for q in REPORTED:
                qv = g[cols[q]].to_numpy()
                losses.append(np.mean(np.where(y >= qv, q * (y - qv), (1 - q) * (qv - y))))
            pinball = np.mean(losses) / scale
            lo, hi = g[cols[0.025]].to_numpy(), g[cols[0.975]].to_numpy()
            coverage = np.mean((y >= lo) & (y <= hi))
        rows.append((mase, rmsse, pinball, coverage))
    return np.array(rows)


def fmt(x):
    return "  -  " if np.isnan(x) else f"{x:.3f}"


def report(name, window, rows, has_intervals, elapsed, tool="statsforecast"):
    mase, rmsse, pinball, coverage = np.nanmean(rows, axis=0) if has_intervals else (
        rows[:, 0].mean(), rows[:, 1].mean(), np.nan, np.nan)
    print(f"{name:<22} {mase:.3f}  {rmsse:.3f}  {fmt(pinball)}  {fmt(coverage)}  {mase:.3f}  {elapsed:.2f}")
    print(f"RESULT\t{tool}\t{name}\t{window}\t{mase:.3f}\t{rmsse:.3f}\t{fmt(pinball).strip()}\t"
          f"{fmt(coverage).strip()}\t{mase:.3f}\t{elapsed:.2f}")


def main():
    global train_groups
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--n-jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--windows", type=int, default=1)
    args = parser.parse_args()
    df = pd.read_csv(args.csv, parse_dates=["ds"])
    models = [
        (AutoETS(season_length=12), True),
        (Naive(), True),
        (SeasonalNaive(season_length=12), True),
        (SimpleExponentialSmoothingOptimized(), False),
        (CrostonSBA(), False),
        (ADIDA(), False),
        (IMAPA(), False),
        (TSB(alpha_d=0.2, alpha_p=0.2), False),
    ]
    # Compile numba kernels once on a tiny problem so timings measure forecasting, not JIT compilation.
    train, _ = split(df)
    warm = train[train.unique_id.isin(train.unique_id.unique()[:4])]
    StatsForecast(models=[m for m, _ in models], freq="MS", n_jobs=1).forecast(df=warm, h=HORIZON)
    for window in range(max(1, args.windows)):
        train, test = split(df, window)
        train_groups = {uid: g["y"].to_numpy(dtype=float) for uid, g in train.groupby("unique_id")}
        print(f"window {window}: {train.unique_id.nunique()} series, n_jobs={args.n_jobs}")
        print(f"{'model':<22} MASE   RMSSE  pinball cov95  MASE(q50) time_s")
        for model, has_intervals in models:
            name = repr(model)
            sf = StatsForecast(models=[model], freq="MS", n_jobs=args.n_jobs)
            start = time.perf_counter()
            if has_intervals:
                forecast = sf.forecast(df=train, h=HORIZON, level=LEVELS)
            else:
                forecast = sf.forecast(df=train, h=HORIZON)
            elapsed = time.perf_counter() - start
            forecast = forecast.reset_index() if "unique_id" not in forecast.columns else forecast
            report(name, window, score(train, test, forecast, name, has_intervals), has_intervals, elapsed)
        zero = test[["unique_id", "ds"]].assign(Zero=0.0)
        report("Zero", window, score(train, test, zero, "Zero", False), False, 0.0, tool="reference")


if __name__ == "__main__":
    main()
