/// The forecasting models SupplyCast knows; raw values match statsforecast's model names where one exists.
public enum ModelKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// Last observed value.
    case naive = "Naive"
    /// Value one season ago.
    case seasonalNaive = "SeasonalNaive"
    /// Mean of the history (fallback for short series).
    case historicAverage = "HistoricAverage"
    /// Simple exponential smoothing with optimised alpha.
    case ses = "SES"
    /// Holt's linear method with damped trend.
    case holtDamped = "HoltDamped"
    /// Additive Holt-Winters with damped trend.
    case holtWinters = "HoltWinters"
    /// Croston's method, classic.
    case croston = "CrostonClassic"
    /// Croston with the Syntetos–Boylan bias correction.
    case crostonSBA = "CrostonSBA"
    /// Teunter–Syntetos–Babai: smoothed demand probability times smoothed size.
    case tsb = "TSB"
    /// Aggregate–disaggregate intermittent demand approach.
    case adida = "ADIDA"
    /// Intermittent multiple aggregation prediction algorithm.
    case imapa = "IMAPA"
    /// Ridge regression on site drivers (census, procedures, weekday), fitted for all items of a site at once.
    case driverRegression = "DriverRegression"

    /// Baselines every other model must beat in backtest.
    public var isBaseline: Bool { self == .naive || self == .seasonalNaive }

    /// Croston, SBA, TSB, ADIDA and IMAPA.
    public var isIntermittent: Bool {
        [.croston, .crostonSBA, .tsb, .adida, .imapa].contains(self)
    }

    /// Univariate models (everything except the driver regression).
    public static let univariate: [ModelKind] = allCases.filter { $0 != .driverRegression }
}
