/// ADIDA: sum demand into buckets of the mean inter-demand interval, forecast the sums with SES and
/// spread the bucket forecast evenly over its periods.
struct ADIDAModel: UnivariateModel {
    var level: Int
    var alpha: Double

    var kind: ModelKind { .adida }
    var parameters: [ModelParameter] { [ModelParameter("aggregationLevel", Double(level)), ModelParameter("alpha", alpha)] }

    /// Chooses the aggregation level from the data and fits α on the bucket sums. The level never exceeds
    /// the history, so there is always at least one bucket; with a single bucket the forecast is its
    /// sum spread over the bucket, the series' average rate (a sparse item's honest answer).
    static func fit(_ y: UnsafeBufferPointer<Double>, options: FitOptions) -> ADIDAModel? {
        guard y.contains(where: { $0 != 0 }) else { return ADIDAModel(level: 1, alpha: 0.1) }
        let level = TemporalAggregation.aggregationLevel(y)
        return ADIDAModel(level: level, alpha: TemporalAggregation.fitAlpha(y, level: level))
    }

    func forecast(history y: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        let result = TemporalAggregation.rate(y, level: level, alpha: alpha)
        return .flat(rate: result.rate, variance: result.variance, horizon: horizon)
    }
}
