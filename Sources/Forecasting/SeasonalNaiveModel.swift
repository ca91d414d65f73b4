/// Seasonal random walk: each future period repeats the value one season earlier. The baseline of selection.
struct SeasonalNaiveModel: UnivariateModel {
    var seasonLength: Int

    var kind: ModelKind { .seasonalNaive }
    var parameters: [ModelParameter] { [ModelParameter("seasonLength", Double(seasonLength))] }

    func forecast(history y: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        let m = max(1, min(seasonLength, y.count))
        let n = y.count
        guard n > 0 else {
            return ModelForecast(mean: Array(repeating: 0, count: horizon), variance: Array(repeating: 0, count: horizon),
                                 innovationWeights: Array(repeating: 0, count: horizon), residuals: nil)
        }
        var sse = 0.0
        for t in stride(from: m, to: n, by: 1) {
            let d = y[t] - y[t - m]
            sse += d * d
        }
        let sigma2 = n > m ? sse / Double(n - m) : 0
        let mean = (0..<horizon).map { y[n - m + $0 % m] }
        let variance = (0..<horizon).map { sigma2 * Double($0 / m + 1) }
        let weights = (0..<horizon).map { $0 % m == 0 ? 1.0 : 0.0 }
        return ModelForecast(mean: mean, variance: variance, innovationWeights: weights, residuals: nil)
    }
}
