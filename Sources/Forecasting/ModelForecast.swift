/// Raw output of one model's recursion: mean path plus what the predictive distribution needs.
struct ModelForecast: Sendable {
    /// Expected value per future period (not yet clipped).
    var mean: [Double]
    /// Variance of each future period's value.
    var variance: [Double]
    /// Impulse response of one innovation on later periods, starting with 1 (period itself).
    var innovationWeights: [Double]
    /// Residual atoms for models whose uncertainty is empirical (driver regression).
    var residuals: ResidualAtoms?
}

extension ModelForecast {
    /// A constant rate with independent period-to-period errors of the given variance.
    static func flat(rate: Double, variance: Double, horizon: Int) -> ModelForecast {
        var weights = Array(repeating: 0.0, count: horizon)
        if horizon > 0 { weights[0] = 1 }
        return ModelForecast(mean: Array(repeating: rate, count: horizon),
                             variance: Array(repeating: max(variance, 0), count: horizon),
                             innovationWeights: weights, residuals: nil)
    }
}
