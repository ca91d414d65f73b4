/// One member of the exponential-smoothing family (Hyndman, Koehler, Ord & Snyder 2008): the error, trend and
/// seasonal component types, e.g. ETS(M,Ad,M).
struct ETSForm: Sendable, Hashable, CustomStringConvertible {
    /// How a component enters the model.
    enum Component: Int, Sendable, Hashable {
        case none = 0
        case additive = 1
        /// Trend only: additive trend damped by φ.
        case damped = 2
        case multiplicative = 3

        var code: String { ["N", "A", "Ad", "M"][rawValue] }
    }

    /// `.additive` or `.multiplicative`.
    var error: Component
    /// `.none`, `.additive` or `.damped`.
    var trend: Component
    /// `.none`, `.additive` or `.multiplicative`.
    var season: Component

    var description: String { "ETS(\(error.code),\(trend.code),\(season.code))" }

    var isTrended: Bool { trend != .none }
    var isSeasonal: Bool { season != .none }

    /// Smoothing parameters estimated: α, then β (trended), γ (seasonal), φ (damped).
    var smoothingParameterCount: Int {
        1 + (isTrended ? 1 : 0) + (isSeasonal ? 1 : 0) + (trend == .damped ? 1 : 0)
    }

    /// Initial states estimated from the data: level, trend, and `m − 1` free seasonal indices.
    func stateCount(seasonLength m: Int) -> Int {
        1 + (isTrended ? 1 : 0) + (isSeasonal ? m - 1 : 0)
    }

    /// The forms AutoETS searches by default: every combination of additive/multiplicative error, no/additive/
    /// damped trend and no/additive/multiplicative season, except additive error with multiplicative season
    /// (numerically unstable, excluded by AutoETS too). Multiplicative components need strictly positive data;
    /// seasonal ones a season longer than 1.
    static func candidates(seasonLength m: Int, positive: Bool) -> [ETSForm] {
        var forms: [ETSForm] = []
        for error in [Component.additive, .multiplicative] where positive || error == .additive {
            for trend in [Component.none, .additive, .damped] {
                for season in [Component.none, .additive, .multiplicative] {
                    if season != .none && m <= 1 { continue }
                    if season == .multiplicative && (!positive || error == .additive) { continue }
                    forms.append(ETSForm(error: error, trend: trend, season: season))
                }
            }
        }
        return forms
    }
}
