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
    /// Exponential smoothing with the ETS form (error, trend, season) chosen by AICc.
    case autoETS = "AutoETS"
    /// Theta method, θ = 2 (SES with half the regression slope as drift), on seasonally adjusted data.
    case theta = "Theta"
    /// Theta method with θ optimised.
    case optimizedTheta = "OptimizedTheta"
    /// Complex exponential smoothing, seasonal form chosen by AICc.
    case autoCES = "AutoCES"
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
    /// Mean of the best model of each of the best few families, chosen per series in the backtest.
    case combination = "Combination"

    /// Baselines every other model must beat in backtest.
    public var isBaseline: Bool { self == .naive || self == .seasonalNaive }

    /// Croston, SBA, TSB, ADIDA and IMAPA.
    public var isIntermittent: Bool {
        [.croston, .crostonSBA, .tsb, .adida, .imapa].contains(self)
    }

    /// The family a model belongs to; a combination takes at most one model of each.
    public var family: ModelFamily {
        switch self {
        case .naive, .seasonalNaive: return .baseline
        case .historicAverage: return .average
        case .ses, .holtDamped, .holtWinters, .autoETS: return .exponentialSmoothing
        case .theta, .optimizedTheta: return .theta
        case .autoCES: return .complexSmoothing
        case .croston, .crostonSBA, .tsb, .adida, .imapa: return .intermittent
        case .driverRegression: return .regression
        case .combination: return .combination
        }
    }

    /// Models that nest the rest of their family (AutoETS's AICc search spans the SES, Holt and Holt-Winters
    /// forms; optimised Theta contains θ = 2): a combination takes them as their family's representative.
    public var nestsFamily: Bool { [.autoETS, .optimizedTheta, .autoCES].contains(self) }

    /// The smooth-demand models that cost more to fit (the full ETS search, Theta, CES) and the combination built
    /// on them; they compete only on the frequencies `ForecastConfiguration.extendedModelFrequencies` lists.
    public var isExtended: Bool { [.autoETS, .theta, .optimizedTheta, .autoCES, .combination].contains(self) }

    /// Univariate models that can be fitted alone (everything except the driver regression and the combination).
    public static let univariate: [ModelKind] = allCases.filter { $0 != .driverRegression && $0 != .combination }
}
