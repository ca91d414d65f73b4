/// Mean of the whole history with independent errors; the fallback for series too short to backtest.
struct HistoricAverageModel: UnivariateModel {
    var kind: ModelKind { .historicAverage }
    var parameters: [ModelParameter] { [] }

    func forecast(history y: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        let n = Double(max(y.count, 1))
        let mean = y.reduce(0, +) / n
        let variance = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / max(n - 1, 1) * (1 + 1 / n)
        var weights = Array(repeating: 0.0, count: horizon)
        if horizon > 0 { weights[0] = 1 }
        return ModelForecast(mean: Array(repeating: mean, count: horizon),
                             variance: Array(repeating: variance, count: horizon),
                             innovationWeights: weights, residuals: nil)
    }
}
