/// IMAPA: ADIDA at every aggregation level from 1 to the mean inter-demand interval, forecasts averaged.
struct IMAPAModel: UnivariateModel {
    /// Fitted SES α for levels 1, 2, … in order.
    var alphas: [Double]

    var kind: ModelKind { .imapa }
    var parameters: [ModelParameter] {
        [ModelParameter("maxAggregationLevel", Double(alphas.count))]
            + alphas.enumerated().map { ModelParameter("alpha\($0.offset + 1)", $0.element) }
    }

    /// Fits one α per aggregation level (every level has at least one bucket; see `ADIDAModel.fit`).
    static func fit(_ y: UnsafeBufferPointer<Double>, options: FitOptions) -> IMAPAModel? {
        guard y.contains(where: { $0 != 0 }) else { return IMAPAModel(alphas: [0.1]) }
        let maxLevel = TemporalAggregation.aggregationLevel(y)
        return IMAPAModel(alphas: (1...maxLevel).map { TemporalAggregation.fitAlpha(y, level: $0) })
    }

    func forecast(history y: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        var rate = 0.0
        var variance = 0.0
        for (index, alpha) in alphas.enumerated() {
            let result = TemporalAggregation.rate(y, level: index + 1, alpha: alpha)
            rate += result.rate
            variance += result.variance
        }
        let k = Double(max(alphas.count, 1))
        return .flat(rate: rate / k, variance: variance / k, horizon: horizon)
    }
}
