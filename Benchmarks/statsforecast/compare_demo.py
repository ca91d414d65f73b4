"""SupplyCast against statsforecast's AutoETS on the demo network's daily series, same split.

Reads what `run-demo.sh` exported with the supplycast CLI (history and actuals from `supplycast usage`, the
SupplyCast forecast from `supplycast forecast export`, the preference cards from the demo's master data), fits
AutoETS (season 7) on the same history, and prints for both: MASE (scaled by the training series' mean absolute
first difference), scaled pinball loss of q50..q99 where available, the share of actuals at or below q95
(0.95 when calibrated), and wall time, for every series
and for the procedure-driven items (those on a preference card: theatre consumables and implants).

    python compare_demo.py FOLDER --fit-seconds S [--n-jobs 2]
"""
import argparse
import os
import time

import numpy as np
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoETS

LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99]


def load(folder):
    history = pd.read_csv(os.path.join(folder, "history.csv"), parse_dates=["day"])
    actuals = pd.read_csv(os.path.join(folder, "actuals.csv"), parse_dates=["day"])
    ours = pd.read_csv(os.path.join(folder, "forecasts.csv"), parse_dates=["day"])
    cards = pd.read_csv(os.path.join(folder, "demo-data", "preference-cards.csv"))
    return history, actuals, ours, set(cards["item"])


def dense(history, first, last):
    """Daily rows for every site × item from its first use to `last`, days without use as zero."""
    days = pd.date_range(first, last, freq="D")
    frame = history.assign(unique_id=history["site"] + "/" + history["item"])
    wide = frame.pivot_table(index="day", columns="unique_id", values="quantity", aggfunc="sum").reindex(days)
    wide = wide.fillna(0.0)
    long = wide.reset_index(names="ds").melt(id_vars="ds", var_name="unique_id", value_name="y")
    started = long[long["y"] > 0].groupby("unique_id")["ds"].min()
    long = long.merge(started.rename("start"), left_on="unique_id", right_index=True)
    return long[long["ds"] >= long["start"]].drop(columns="start")


def score(train, test, forecast, quantiles):
    """Per series: MASE, scaled pinball over the quantile columns given, 95% coverage."""
    scales = train.groupby("unique_id")["y"].apply(lambda y: np.mean(np.abs(np.diff(y.to_numpy()))))
    merged = test.merge(forecast, on=["unique_id", "ds"], how="left").fillna(0.0)
    rows = []
    for uid, group in merged.groupby("unique_id"):
        scale = scales.get(uid, 0.0)
        if not scale > 0:
            continue
        y = group["y"].to_numpy()
        row = {"unique_id": uid, "mase": np.mean(np.abs(y - group["mean"].to_numpy())) / scale}
        if quantiles:
            losses = []
            for level, column in quantiles.items():
                q = group[column].to_numpy()
                losses.append(np.mean(np.maximum(level * (y - q), (level - 1) * (y - q))))
            row["pinball"] = 2 * np.mean(losses) / scale
            row["cov95"] = np.mean(y <= group[quantiles[0.95]].to_numpy())
        rows.append(row)
    return pd.DataFrame(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder")
    parser.add_argument("--fit-seconds", type=float, required=True, help="SupplyCast's forecast run wall time")
    parser.add_argument("--n-jobs", type=int, default=os.cpu_count())
    options = parser.parse_args()
    history, actuals, ours, card_items = load(options.folder)
    as_of = history["day"].max()
    horizon_end = ours["day"].max()
    train = dense(history, history["day"].min(), as_of)
    test_days = pd.date_range(as_of + pd.Timedelta(days=1), horizon_end, freq="D")
    ids = train["unique_id"].unique()
    test = pd.MultiIndex.from_product([ids, test_days], names=["unique_id", "ds"]).to_frame(index=False)
    actual = actuals.assign(unique_id=actuals["site"] + "/" + actuals["item"]).rename(columns={"day": "ds"})
    test = test.merge(actual[["unique_id", "ds", "quantity"]], on=["unique_id", "ds"], how="left")
    test = test.rename(columns={"quantity": "y"}).fillna({"y": 0.0})
    horizon = len(test_days)

    ours = ours.assign(unique_id=ours["site"] + "/" + ours["item"]).rename(columns={"day": "ds"})
    our_quantiles = {level: f"q{level * 100:g}" for level in LEVELS}
    our_scores = score(train, test, ours, our_quantiles)

    started = time.perf_counter()
    sf = StatsForecast(models=[AutoETS(season_length=7)], freq="D", n_jobs=options.n_jobs)
    predicted = sf.forecast(df=train[["unique_id", "ds", "y"]], h=horizon, level=[60, 80, 90, 95, 98])
    ets_seconds = time.perf_counter() - started
    predicted = predicted.reset_index() if "unique_id" not in predicted.columns else predicted
    predicted["mean"] = predicted["AutoETS"].clip(lower=0)
    ets_quantiles = {0.5: "AutoETS", 0.8: "AutoETS-hi-60", 0.9: "AutoETS-hi-80", 0.95: "AutoETS-hi-90",
                     0.99: "AutoETS-hi-98"}
    for column in ets_quantiles.values():
        predicted[column] = predicted[column].clip(lower=0)
    ets_scores = score(train, test, predicted, ets_quantiles)

    def driven(frame):
        return frame[frame["unique_id"].str.split("/").str[1].isin(card_items)]

    print(f"demo network: {len(ids)} daily series, history to {as_of.date()}, {horizon} days held out")
    print(f"procedure-driven (on a preference card): {driven(our_scores).shape[0]} series")
    print()
    print(f"{'tool':<34}{'series':>10}{'MASE':>8}{'pinball':>9}{'y<=q95':>7}{'time_s':>9}")
    for name, scores, seconds in [("SupplyCast (selected per series)", our_scores, options.fit_seconds),
                                  ("statsforecast AutoETS", ets_scores, ets_seconds)]:
        for subset, frame in [("all", scores), ("driven", driven(scores))]:
            print(f"{name:<34}{subset:>10}{frame['mase'].mean():>8.3f}{frame['pinball'].mean():>9.3f}"
                  f"{frame['cov95'].mean():>7.3f}{seconds:>9.2f}")
    ours_driven = driven(our_scores)["mase"].mean()
    ets_driven = driven(ets_scores)["mase"].mean()
    print()
    print(f"procedure-driven items: SupplyCast MASE {ours_driven:.3f} vs AutoETS {ets_driven:.3f} = "
          f"{(1 - ours_driven / ets_driven) * 100:.0f}% lower")
    print(f"speed: SupplyCast forecast run {options.fit_seconds:.2f} s vs AutoETS {ets_seconds:.2f} s = "
          f"{ets_seconds / options.fit_seconds:.0f}x faster")
    print(f"RESULT\tdemo\tdriven_mase_supplycast={ours_driven:.4f}\tdriven_mase_autoets={ets_driven:.4f}"
          f"\tsupplycast_s={options.fit_seconds:.3f}\tautoets_s={ets_seconds:.3f}")


if __name__ == "__main__":
    main()
