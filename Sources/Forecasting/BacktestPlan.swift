/// Rolling forecast origins of a backtest: train on `y[0..<origin]`, test on the next `horizon` periods.
struct BacktestPlan: Sendable, Equatable {
    /// Origins, latest first.
    var origins: [Int]
    /// Periods evaluated after each origin.
    var horizon: Int

    /// Origins `n − H`, `n − H − step`, … keeping those with at least `minimumTraining` periods before them.
    init(length n: Int, configuration c: ForecastConfiguration, seasonLength m: Int) {
        let h = max(1, c.backtestHorizon ?? c.horizon)
        let step = max(1, c.backtestStep ?? h)
        let minimumTraining = max(6, m + 2)
        horizon = h
        origins = (0..<c.backtestOrigins).map { n - h - $0 * step }.filter { $0 >= minimumTraining }
    }
}
