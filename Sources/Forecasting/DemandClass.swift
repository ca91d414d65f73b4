/// Syntetos–Boylan demand classes (ADI cut-off 1.32, CV² of non-zero sizes cut-off 0.49), used to pool
/// backtest evidence across similar series.
public enum DemandClass: String, Codable, Sendable, Hashable, CaseIterable {
    /// Frequent demand with stable sizes.
    case smooth
    /// Frequent demand with variable sizes.
    case erratic
    /// Infrequent demand with stable sizes.
    case intermittent
    /// Infrequent demand with variable sizes.
    case lumpy

    /// Classifies a history.
    public init(_ y: [Double]) {
        var count = 0.0
        var sum = 0.0
        var squares = 0.0
        for v in y where v != 0 {
            count += 1
            sum += v
            squares += v * v
        }
        guard count > 0 else {
            self = .intermittent
            return
        }
        let adi = Double(y.count) / count
        let mean = sum / count
        let cv2 = count > 1 ? max(0, squares / count - mean * mean) / (mean * mean) : 0
        switch (adi >= 1.32, cv2 >= 0.49) {
        case (false, false): self = .smooth
        case (false, true): self = .erratic
        case (true, false): self = .intermittent
        case (true, true): self = .lumpy
        }
    }
}
