/// One named, fitted model parameter (e.g. `alpha = 0.23`).
public struct ModelParameter: Sendable, Equatable, Codable {
    /// Parameter name.
    public var name: String
    /// Fitted value.
    public var value: Double

    /// Creates a parameter.
    public init(_ name: String, _ value: Double) {
        self.name = name
        self.value = value
    }
}
