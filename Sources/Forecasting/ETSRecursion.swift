/// The additive-error exponential smoothing recursion shared by SES, damped Holt and Holt-Winters.
///
/// One-step forecast `ŷ = ℓ + φb + s`, error `e = y − ŷ`, then `ℓ ← ℓ + φb + αe`, `b ← φb + βe`,
/// `s ← s + γe`. Seasonal slot of time `t` is `t mod m`.
struct ETSRecursion: Sendable {
    var alpha: Double
    var beta: Double = 0
    var gamma: Double = 0
    var phi: Double = 1
    var trended: Bool = false
    var seasonLength: Int = 0

    /// Initial states: SES starts at the first value; seasonal models use the first season's mean and deviations.
    static func initialState(_ y: UnsafeBufferPointer<Double>, trended: Bool, seasonLength m: Int)
        -> (level: Double, trend: Double, seasonal: [Double]) {
        guard m > 1, y.count >= 2 * m else {
            return (y.first ?? 0, 0, [])
        }
        var first = 0.0
        var second = 0.0
        for i in 0..<m {
            first += y[i]
            second += y[m + i]
        }
        first /= Double(m)
        second /= Double(m)
        let seasonal = (0..<m).map { y[$0] - first }
        return (first, trended ? (second - first) / Double(m) : 0, seasonal)
    }

    /// State of the recursion after some prefix of the data.
    struct State {
        var sse = 0.0
        var level: Double
        var trend: Double
        var seasonal: [Double]
    }

    /// Runs the recursion over `y` and returns the sum of squared one-step errors and the final state.
    func run(_ y: UnsafeBufferPointer<Double>) -> State {
        let initial = Self.initialState(y, trended: trended, seasonLength: seasonLength)
        var state = State(level: initial.level, trend: initial.trend, seasonal: initial.seasonal)
        advance(y, from: 0, to: y.count, &state)
        return state
    }

    /// States after the prefixes `y[0..<stop]` for ascending `stops`, in one pass.
    func states(_ y: UnsafeBufferPointer<Double>, stops: [Int]) -> [State] {
        let initial = Self.initialState(y, trended: trended, seasonLength: seasonLength)
        var state = State(level: initial.level, trend: initial.trend, seasonal: initial.seasonal)
        var previous = 0
        var result: [State] = []
        for stop in stops {
            advance(y, from: previous, to: stop, &state)
            result.append(state)
            previous = stop
        }
        return result
    }

    /// Advances `state` over `y[from..<to]`.
    func advance(_ y: UnsafeBufferPointer<Double>, from: Int, to: Int, _ state: inout State) {
        var level = state.level
        var trend = state.trend
        var sse = state.sse
        if state.seasonal.isEmpty {
            if trended {
                for t in from..<to {
                    let damped = phi * trend
                    let e = y[t] - (level + damped)
                    sse += e * e
                    level += damped + alpha * e
                    trend = damped + beta * e
                }
            } else {
                for t in from..<to {
                    let e = y[t] - level
                    sse += e * e
                    level += alpha * e
                }
            }
        } else {
            let m = state.seasonal.count
            state.seasonal.withUnsafeMutableBufferPointer { s in
                var slot = from % m
                for t in from..<to {
                    let damped = phi * trend
                    let e = y[t] - (level + damped + s[slot])
                    sse += e * e
                    level += damped + alpha * e
                    trend = damped + beta * e
                    s[slot] += gamma * e
                    slot += 1
                    if slot == m { slot = 0 }
                }
            }
        }
        state.level = level
        state.trend = trend
        state.sse = sse
    }

    /// Forecasts from each origin (any order) with one pass over the data.
    func forecasts(_ y: UnsafeBufferPointer<Double>, origins: [Int], horizon: Int) -> [ModelForecast] {
        let ascending = origins.sorted()
        let captured = states(y, stops: ascending)
        return origins.map { origin in
            forecast(from: captured[ascending.firstIndex(of: origin)!], count: origin, horizon: horizon)
        }
    }

    /// Forecast of `horizon` periods after `y`, with analytic additive-ETS variances.
    func forecast(_ y: UnsafeBufferPointer<Double>, horizon: Int) -> ModelForecast {
        forecast(from: run(y), count: y.count, horizon: horizon)
    }

    /// Forecast from a state reached after `count` observations.
    func forecast(from state: State, count: Int, horizon: Int) -> ModelForecast {
        let effective = max(1, count - 1)
        let sigma2 = state.sse / Double(effective)
        var mean = [Double](repeating: 0, count: horizon)
        var variance = [Double](repeating: 0, count: horizon)
        var weights = [Double](repeating: 0, count: horizon)
        var dampedSum = 0.0
        var power = 1.0
        var accumulated = 0.0
        let m = state.seasonal.count
        if horizon > 0 { weights[0] = 1 }
        for h in stride(from: 1, through: horizon, by: 1) {
            power *= phi
            dampedSum += power
            let seasonalTerm = m > 0 ? state.seasonal[(count + h - 1) % m] : 0
            mean[h - 1] = state.level + (trended ? dampedSum * state.trend : 0) + seasonalTerm
            variance[h - 1] = sigma2 * (1 + accumulated)
            if h < horizon {
                var c = alpha + (trended ? beta * dampedSum : 0)
                if m > 0 && h % m == 0 { c += gamma }
                weights[h] = c
                accumulated += c * c
            }
        }
        return ModelForecast(mean: mean, variance: variance, innovationWeights: weights, residuals: nil)
    }
}
