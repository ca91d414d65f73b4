/// Where stock of a site × item came from and went, over the simulated days.
public struct StockFlow: Sendable, Hashable, Codable {
    public var opening = 0
    public var received = 0
    /// Served from the shelf (loaned units are not).
    public var used = 0
    /// Brought by emergency loans and used at once.
    public var loaned = 0
    public var writtenOff = 0

    public init() {}

    /// What the shelf should hold at the end: opening + received − used − written off.
    public var expectedClosing: Int { opening + received - used - writtenOff }
}
