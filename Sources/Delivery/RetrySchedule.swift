import Foundation

/// Delays between attempts. After the last delay is used up, a message is dead-lettered.
public struct RetrySchedule: Sendable, Equatable {
    /// Delay before attempt n+2 (the first attempt is immediate).
    public var delays: [TimeInterval]
    /// Random spread added to each delay, as a fraction of it (0.1 = up to +10%).
    public var jitter: Double

    public init(delays: [TimeInterval], jitter: Double = 0.1) {
        self.delays = delays
        self.jitter = jitter
    }

    /// The Standard Webhooks schedule: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.
    public static let standardWebhooks = RetrySchedule(
        delays: [5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400])

    /// A compressed copy for tests and demos: every delay scaled by `factor`.
    public func scaled(by factor: Double) -> RetrySchedule {
        RetrySchedule(delays: delays.map { $0 * factor }, jitter: jitter)
    }

    /// When to try again after `attempts` failed attempts, or nil when the schedule is exhausted.
    /// A receiver's `Retry-After` wins when it asks for longer.
    public func nextAttempt(after attempts: Int, from now: Date, retryAfter: TimeInterval? = nil,
                            random: Double = Double.random(in: 0...1)) -> Date? {
        guard attempts >= 1, attempts <= delays.count else { return nil }
        let base = delays[attempts - 1]
        let delay = max(base * (1 + jitter * random), retryAfter ?? 0)
        return now.addingTimeInterval(delay)
    }
}
