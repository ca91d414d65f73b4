/// Groups of related models: a forecast combination takes the best member of different families, so that its
/// parts make different mistakes.
public enum ModelFamily: String, Codable, Sendable, Hashable, CaseIterable {
    /// Naive and seasonal naive.
    case baseline
    /// The historic average (short-series fallback).
    case average
    /// SES, damped Holt, Holt-Winters and AutoETS.
    case exponentialSmoothing
    /// Standard and optimised Theta.
    case theta
    /// Complex exponential smoothing.
    case complexSmoothing
    /// Croston, SBA, TSB, ADIDA and IMAPA.
    case intermittent
    /// The site driver regression.
    case regression
    /// A combination of other models.
    case combination
}
