/// The equal-weight mean of several fitted models' forecasts.
///
/// Its predictive distribution is the equal-weight mixture of the components' distributions, summarised by its
/// mean and variance (the components' mean variance plus the spread of their means), so a combination whose parts
/// disagree is less certain than each of them; its quantiles come from that one distribution, never from an
/// average of the components' quantiles.
struct CombinationModel: UnivariateModel {
    var components: [any UnivariateModel]

    var kind: ModelKind { .combination }
    var parameters: [ModelParameter] {
        components.flatMap { c in c.parameters.map { ModelParameter("\(c.kind.rawValue).\($0.name)", $0.value) } }
    }

    /// Mixture mean and variance per period; innovation weights averaged.
    static func combine(_ forecasts: [ModelForecast]) -> ModelForecast {
        guard let first = forecasts.first else { return .flat(rate: 0, variance: 0, horizon: 0) }
        let k = Double(forecasts.count)
        let horizon = forecasts.map(\.mean.count).min() ?? 0
        var mean = [Double](repeating: 0, count: horizon)
        var variance = [Double](repeating: 0, count: horizon)
        var weights = [Double](repeating: 0, count: min(horizon, first.innovationWeights.count))
        for h in 0..<horizon {
            var m = 0.0
            for f in forecasts { m += f.mean[h] }
            m /= k
            var v = 0.0
            for f in forecasts { v += f.variance[h] + (f.mean[h] - m) * (f.mean[h] - m) }
            mean[h] = m
            variance[h] = v / k
        }
        for h in weights.indices {
            var w = 0.0
            for f in forecasts { w += h < f.innovationWeights.count ? f.innovationWeights[h] : 0 }
            weights[h] = w / k
        }
        return ModelForecast(mean: mean, variance: variance, innovationWeights: weights, residuals: nil)
    }

    func forecast(history: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        Self.combine(components.map { $0.forecast(history: history, horizon: horizon) })
    }

    func forecasts(history: UnsafeBufferPointer<Double>, origins: [Int], horizon: Int) -> [ModelForecast] {
        let perComponent = components.map { $0.forecasts(history: history, origins: origins, horizon: horizon) }
        return origins.indices.map { o in Self.combine(perComponent.map { $0[o] }) }
    }
}
