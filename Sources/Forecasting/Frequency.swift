/// Regular sampling frequency of a series.
public enum Frequency: String, Codable, Sendable, CaseIterable {
    case daily, weekly, monthly, quarterly, yearly

    /// Default season length (7 daily, 52 weekly, 12 monthly, 4 quarterly, none yearly).
    public var seasonLength: Int {
        switch self {
        case .daily: return 7
        case .weekly: return 52
        case .monthly: return 12
        case .quarterly: return 4
        case .yearly: return 1
        }
    }
}
