import Foundation

/// The state-space recursion of any ETS form with given smoothing parameters.
///
/// With `q = ℓ + φb` (`ℓ` alone without trend, `φ = 1` for an undamped trend), seasonal index `s` of the period
/// and one-step forecast `μ = q + s` (additive season), `q·s` (multiplicative) or `q`, the absolute error
/// `ε = y − μ` updates `ℓ ← q + αε/σ`, `b ← φb + βε/σ`, and `s ← s + γε` (additive) or `s ← s + γε/q`
/// (multiplicative), where `σ = s` for a multiplicative season and 1 otherwise. Written in `ε`, the updates of
/// the additive- and multiplicative-error models are the same (Hyndman et al. 2008, table 2.3); the error type
/// only changes the likelihood: `n·log(Σε²/n)` or `n·log(Σ(ε/μ)²/n) + 2·Σlog μ`.
struct ETSFilter: Sendable {
    var form: ETSForm
    var alpha: Double
    var beta: Double = 0
    var gamma: Double = 0
    var phi: Double = 1
    var seasonLength: Int = 1

    /// State after some observations, with the running sums the likelihood needs.
    struct State: Sendable {
        var level: Double
        var trend: Double
        var seasonal: [Double]
        /// Observations consumed so far (the seasonal slot of observation `t` is `t mod m`).
        var count = 0
        var squaredErrors = 0.0
        var squaredRelativeErrors = 0.0
        var logForecasts = 0.0
        /// False once a multiplicative model met a non-positive forecast.
        var valid = true
    }

    /// Heuristic initial states from the start of `y` (Hyndman et al. 2008, §2.6.1): seasonal indices from a
    /// classical decomposition of the first (up to four) full seasons, then level and slope from a straight line
    /// through the first (up to ten) seasonally adjusted values, placed one period before the first observation.
    func initialState(_ y: UnsafeBufferPointer<Double>) -> State {
        let m = seasonLength
        var seasonal: [Double] = []
        if form.isSeasonal && m > 1 && y.count >= 2 * m {
            seasonal = Self.seasonalIndices(y, seasonLength: m, seasons: min(4, y.count / m),
                                            multiplicative: form.season == .multiplicative)
        } else if form.isSeasonal {
            seasonal = Array(repeating: form.season == .multiplicative ? 1 : 0, count: max(m, 1))
        }
        let k = min(y.count, 10)
        var sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
        for t in 0..<k {
            var v = y[t]
            if !seasonal.isEmpty {
                v = form.season == .multiplicative ? v / seasonal[t % m] : v - seasonal[t % m]
            }
            let x = Double(t + 1)
            sx += x; sy += v; sxx += x * x; sxy += x * v
        }
        let n = Double(max(k, 1))
        let denominator = n * sxx - sx * sx
        let slope = k >= 2 && denominator != 0 ? (n * sxy - sx * sy) / denominator : 0
        let intercept = (sy - slope * sx) / n
        if form.isTrended {
            return State(level: intercept, trend: slope, seasonal: seasonal)
        }
        return State(level: intercept + slope, trend: 0, seasonal: seasonal)
    }

    /// Seasonal indices of a classical decomposition (centred moving average) over the first `seasons` seasons,
    /// normalised to sum 0 (additive) or average 1 (multiplicative).
    static func seasonalIndices(_ y: UnsafeBufferPointer<Double>, seasonLength m: Int, seasons: Int,
                                multiplicative: Bool) -> [Double] {
        let k = seasons * m
        var sums = [Double](repeating: 0, count: m)
        var counts = [Double](repeating: 0, count: m)
        let half = m / 2
        for t in half..<(k - half) {
            var average = 0.0
            if m % 2 == 0 {
                average = 0.5 * (y[t - half] + y[t + half])
                for j in (t - half + 1)..<(t + half) { average += y[j] }
            } else {
                for j in (t - half)...(t + half) { average += y[j] }
            }
            average /= Double(m)
            if multiplicative && average <= 0 { continue }
            sums[t % m] += multiplicative ? y[t] / average : y[t] - average
            counts[t % m] += 1
        }
        var indices = (0..<m).map { counts[$0] > 0 ? sums[$0] / counts[$0] : (multiplicative ? 1 : 0) }
        let mean = indices.reduce(0, +) / Double(m)
        for j in 0..<m { indices[j] = multiplicative ? (mean > 0 ? indices[j] / mean : 1) : indices[j] - mean }
        return indices
    }

    /// Advances `state` over `y[state.count..<stop]`.
    func advance(_ y: UnsafeBufferPointer<Double>, to stop: Int, _ state: inout State) {
        var level = state.level
        var trend = state.trend
        var sse = state.squaredErrors
        var relative = state.squaredRelativeErrors
        var logs = state.logForecasts
        let damping = form.trend == .damped ? phi : 1
        let trended = form.isTrended
        let multiplicativeSeason = form.season == .multiplicative
        let multiplicativeError = form.error == .multiplicative
        let needsPositive = multiplicativeError || multiplicativeSeason
        var valid = state.valid
        // Σlog μ as the log of a running product, renormalised before it can overflow: one log per hundred steps.
        var product = 1.0
        let m = max(1, state.seasonal.count)
        let start = state.count
        state.seasonal.withUnsafeMutableBufferPointer { s in
            var slot = start % m
            var t = start
            while t < stop {
                let q = trended ? level + damping * trend : level
                let index = s.isEmpty ? (multiplicativeSeason ? 1 : 0) : s[slot]
                let mu = multiplicativeSeason ? q * index : q + index
                if needsPositive && (mu <= 0 || q <= 0) {
                    valid = false
                    break
                }
                let e = y[t] - mu
                sse += e * e
                if multiplicativeError {
                    let r = e / mu
                    relative += r * r
                    product *= mu
                    if product > 1e250 || product < 1e-250 {
                        logs += log(product)
                        product = 1
                    }
                }
                let scaled = multiplicativeSeason ? e / index : e
                level = q + alpha * scaled
                if trended { trend = damping * trend + beta * scaled }
                if !s.isEmpty {
                    s[slot] += multiplicativeSeason ? gamma * e / q : gamma * e
                    slot += 1
                    if slot == m { slot = 0 }
                }
                t += 1
            }
        }
        if product != 1 { logs += log(product) }
        state.level = level
        state.trend = trend
        state.squaredErrors = sse
        state.squaredRelativeErrors = relative
        state.logForecasts = logs
        state.valid = valid
        if valid { state.count = stop }
    }

    /// Runs the whole series from the heuristic initial state.
    func run(_ y: UnsafeBufferPointer<Double>) -> State {
        var state = initialState(y)
        advance(y, to: y.count, &state)
        return state
    }

    /// `−2·log-likelihood` up to a constant (concentrated over σ): `n·log(Σε²/n)` for additive errors,
    /// `n·log(Σ(ε/μ)²/n) + 2·Σlog μ` for multiplicative ones; infinite for an invalid run.
    func likelihood(_ state: State) -> Double {
        let n = Double(state.count)
        guard state.valid, n > 0 else { return .infinity }
        if form.error == .multiplicative {
            return n * log(max(state.squaredRelativeErrors, 1e-300) / n) + 2 * state.logForecasts
        }
        return n * log(max(state.squaredErrors, 1e-300) / n)
    }

    /// Mean, variance and innovation weights of `horizon` periods after `state`.
    ///
    /// Variances use the linear (class-1) formula `σ²(1 + Σ c_j²)`, `c_j = α + β(φ + … + φ^j) + γ·[j ≡ 0 mod m]`;
    /// for multiplicative errors `σ` is relative and scaled by each period's mean, an approximation that
    /// ignores the compounding of relative errors over the horizon.
    func forecast(from state: State, horizon: Int, parameterCount: Int) -> ModelForecast {
        let dof = Double(max(1, state.count - parameterCount))
        let multiplicativeError = form.error == .multiplicative
        let sigma2 = (multiplicativeError ? state.squaredRelativeErrors : state.squaredErrors) / dof
        let damping = form.trend == .damped ? phi : 1
        let m = state.seasonal.count
        var mean = [Double](repeating: 0, count: horizon)
        var variance = [Double](repeating: 0, count: horizon)
        var weights = [Double](repeating: 0, count: horizon)
        var power = 1.0
        var dampedSum = 0.0
        var accumulated = 0.0
        if horizon > 0 { weights[0] = 1 }
        for h in stride(from: 1, through: horizon, by: 1) {
            power *= damping
            dampedSum += power
            let q = state.level + (form.isTrended ? dampedSum * state.trend : 0)
            var mu = q
            var seasonalScale = 1.0
            if m > 0 {
                let s = state.seasonal[(state.count + h - 1) % m]
                if form.season == .multiplicative {
                    mu = q * s
                    seasonalScale = s
                } else {
                    mu = q + s
                }
            }
            mean[h - 1] = mu
            let scale = multiplicativeError ? mu * mu : seasonalScale * seasonalScale
            variance[h - 1] = sigma2 * scale * (1 + accumulated)
            if h < horizon {
                var c = alpha + (form.isTrended ? beta * dampedSum : 0)
                if m > 0 && h % m == 0 { c += gamma }
                weights[h] = c
                accumulated += c * c
            }
        }
        return ModelForecast(mean: mean, variance: variance, innovationWeights: weights, residuals: nil)
    }
}
