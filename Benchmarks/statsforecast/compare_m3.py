"""SupplyCast against statsforecast's AutoETS, AutoTheta, AutoCES and their mean on M3 monthly.

The standard split: hold out the last 18 months of every series, season 12. Every tool is scored here by
the same code, per series then averaged over the 1,428 series:
  MASE      mean |y − mean| / s,  s = the training series' mean absolute first difference (no seasonal scaling)
  RMSSE     root mean squared error / root mean squared first difference of the training series
  pinball   pinball loss averaged over q50, q80, q90, q95, q99, divided by s
  cov_q95   share of held-out months at or below the q95 (one-sided coverage of the upper 90% bound)

    python compare_m3.py split m3-monthly.csv train.csv
    python compare_m3.py score m3-monthly.csv --supplycast forecasts.csv --supplycast-time 0.8 [--n-jobs 2]
                         [--cache DIR]

`split` writes the training part (what `supplycast forecast file` reads). `score` runs the statsforecast
models on it (each timed alone, numba compiled beforehand on a few series), reads SupplyCast's forecast CSV
(`unique_id,ds,model,mean,q50,…`) and prints one table plus machine-readable RESULT lines. With --cache the
statsforecast forecasts are kept in DIR and reused (their recorded time with them) while the data is unchanged.
"""
import argparse
import hashlib
import json
import os
import sys
import time

import numpy as np
import pandas as pd

HORIZON = 18
SEASON = 12
REPORTED = [0.5, 0.8, 0.9, 0.95, 0.99]
# Upper bounds of these two-sided levels are q0.8, q0.9, q0.95, q0.99.
LEVELS = [60, 80, 90, 98]


def split(df):
    df = df.sort_values(["unique_id", "ds"])
    test = df.groupby("unique_id").tail(HORIZON)
    return df.drop(test.index), test


def statsforecast_forecasts(train, n_jobs, cache):
    from statsforecast import StatsForecast
    from statsforecast.models import AutoCES, AutoETS, AutoTheta

    models = [AutoETS(season_length=SEASON), AutoTheta(season_length=SEASON), AutoCES(season_length=SEASON)]
    key = hashlib.sha256(pd.util.hash_pandas_object(train, index=False).values.tobytes()).hexdigest()[:16]
    results = {}
    warm = train[train.unique_id.isin(train.unique_id.unique()[:4])]
    warmed = False
    for model in models:
        name = repr(model)
        path = os.path.join(cache, f"{name}-{key}.csv") if cache else None
        if path and os.path.exists(path):
            with open(path + ".json") as f:
                elapsed = json.load(f)["seconds"]
            results[name] = (pd.read_csv(path, parse_dates=["ds"]), elapsed)
            print(f"  {name}: cached ({elapsed:.1f} s when run)", file=sys.stderr)
            continue
        if not warmed:
            # Compile numba kernels once so timings measure forecasting, not JIT compilation.
            StatsForecast(models=models, freq="MS", n_jobs=1).forecast(df=warm, h=HORIZON, level=LEVELS)
            warmed = True
        sf = StatsForecast(models=[model], freq="MS", n_jobs=n_jobs)
        start = time.perf_counter()
        forecast = sf.forecast(df=train, h=HORIZON, level=LEVELS)
        elapsed = time.perf_counter() - start
        forecast = forecast.reset_index() if "unique_id" not in forecast.columns else forecast
        print(f"  {name}: {elapsed:.1f} s", file=sys.stderr)
        if path:
            os.makedirs(cache, exist_ok=True)
            forecast.to_csv(path, index=False)
            with open(path + ".json", "w") as f:
                json.dump({"seconds": elapsed}, f)
        results[name] = (forecast, elapsed)
    return results


def as_quantile_frame(forecast, name):
    """A statsforecast forecast as columns step, mean, q50, q80, q90, q95, q99 per unique_id."""
    out = forecast[["unique_id", "ds"]].copy()
    out["mean"] = forecast[name].to_numpy()
    out["q50"] = forecast[name].to_numpy()
    for level, q in zip(LEVELS, REPORTED[1:]):
        out[f"q{round(q * 100)}"] = forecast[f"{name}-hi-{level}"].to_numpy()
    return out


def with_steps(frame):
    frame = frame.sort_values(["unique_id", "ds"]).copy()
    frame["step"] = frame.groupby("unique_id").cumcount()
    return frame.drop(columns=["ds"])


def score(train_groups, test, frame):
    merged = test.merge(with_steps(frame), on=["unique_id", "step"], how="left")
    if merged["mean"].isna().any():
        missing = merged[merged["mean"].isna()].unique_id.unique()
        raise SystemExit(f"forecast missing for {len(missing)} series, e.g. {missing[:3].tolist()}")
    rows = []
    for uid, g in merged.groupby("unique_id", sort=False):
        diffs = np.diff(train_groups[uid])
        scale = np.mean(np.abs(diffs))
        sq_scale = np.sqrt(np.mean(diffs ** 2))
        if scale == 0:
            continue
        y = g["y"].to_numpy()
        mean = g["mean"].to_numpy()
        losses = []
        for q in REPORTED:
            qv = g[f"q{round(q * 100)}"].to_numpy()
            losses.append(np.mean(np.where(y >= qv, q * (y - qv), (1 - q) * (qv - y))))
        rows.append((np.mean(np.abs(y - mean)) / scale, np.sqrt(np.mean((y - mean) ** 2)) / sq_scale,
                     np.mean(losses) / scale, np.mean(y <= g["q95"].to_numpy())))
    return np.array(rows).mean(axis=0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["split", "score"])
    parser.add_argument("csv")
    parser.add_argument("train_out", nargs="?")
    parser.add_argument("--supplycast")
    parser.add_argument("--supplycast-time", type=float, default=float("nan"))
    parser.add_argument("--n-jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--cache")
    args = parser.parse_args()
    df = pd.read_csv(args.csv, parse_dates=["ds"])
    train, test = split(df)
    if args.command == "split":
        train.to_csv(args.train_out, index=False, date_format="%Y-%m-%d")
        return
    train_groups = {uid: g["y"].to_numpy(dtype=float) for uid, g in train.groupby("unique_id")}
    test = test.sort_values(["unique_id", "ds"]).copy()
    test["step"] = test.groupby("unique_id").cumcount()
    rows = []
    if args.supplycast:
        ours = pd.read_csv(args.supplycast, parse_dates=["ds"])
        rows.append(("supplycast", "SupplyCast (forecast file)", score(train_groups, test, ours), args.supplycast_time))
    sf = statsforecast_forecasts(train, args.n_jobs, args.cache)
    frames = {}
    for name, (forecast, elapsed) in sf.items():
        frames[name] = as_quantile_frame(forecast, name).sort_values(["unique_id", "ds"]).reset_index(drop=True)
        rows.append(("statsforecast", name, score(train_groups, test, frames[name]), elapsed))
    names = list(frames)
    # The combination statsforecast users build: the mean of the three point forecasts; its quantiles here
    # are the averaged quantiles (the usual shortcut), and its time the sum of the three.
    combined = frames[names[0]].copy()
    for col in ["mean", "q50", "q80", "q90", "q95", "q99"]:
        combined[col] = np.mean([frames[n][col].to_numpy() for n in names], axis=0)
    rows.append(("statsforecast", "mean(" + ",".join(names) + ")", score(train_groups, test, combined),
                 sum(e for _, e in sf.values())))
    print(f"M3 monthly, last {HORIZON} months held out, season {SEASON}, {len(train_groups)} series "
          "(mean over series; MASE and pinball scaled by the training mean absolute first difference)")
    print(f"{'tool':<14} {'model':<32} {'MASE':>6} {'RMSSE':>6} {'pinball':>7} {'cov_q95':>7} {'time_s':>7}")
    for tool, name, (mase, rmsse, pinball, cov), elapsed in rows:
        print(f"{tool:<14} {name:<32} {mase:6.3f} {rmsse:6.3f} {pinball:7.3f} {cov:7.3f} {elapsed:7.2f}")
    for tool, name, (mase, rmsse, pinball, cov), elapsed in rows:
        print(f"RESULT\t{tool}\t{name}\t{mase:.3f}\t{rmsse:.3f}\t{pinball:.3f}\t{cov:.3f}\t{elapsed:.2f}")


if __name__ == "__main__":
    main()
