/// A wall-clock time without a zone, as printed on a label (GS1 AI 7003, HIBCC `YYMMDDHH`).
public struct TimeOfDay: Sendable, Hashable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    public var description: String { twoDigits(hour) + ":" + twoDigits(minute) }

    private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
