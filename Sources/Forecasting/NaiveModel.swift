/// Random walk: every future period equals the last observation; variance grows linearly with the horizon.
struct NaiveModel: UnivariateModel {
    var kind: ModelKind { .naive }
    var parameters: [ModelParameter] { [] }

    func forecast(history y: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        let last = y.last ?? 0
        var sse = 0.0
        for t in stride(from: 1, to: y.count, by: 1) {
            let d = y[t] - y[t - 1]
            sse += d * d
        }
        let sigma2 = y.count > 1 ? sse / Double(y.count - 1) : 0
        return ModelForecast(mean: Array(repeating: last, count: horizon),
                             variance: (0..<horizon).map { sigma2 * Double($0 + 1) },
                             innovationWeights: Array(repeating: 1, count: horizon), residuals: nil)
    }
}
