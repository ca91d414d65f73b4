import SupplyDomain

/// A generated hospital network: master data consistent with a time-ordered stream of canonical events.
public struct DemoDataset: Sendable {
    /// The parameters it was generated from.
    public var parameters: DemoParameters
    /// The hospitals, each with `MAIN` as default location.
    public var sites: [Site]
    /// Store, theatre, pharmacy and ward locations of every site.
    public var locations: [Location]
    public var suppliers: [Supplier]
    /// Consumables, then implants, then pharmacy items.
    public var items: [Item]
    /// Default cards (empty surgeon) and surgeon-specific cards, implant lines included.
    public var preferenceCards: [PreferenceCardLine]
    /// One network-wide policy per item.
    public var policies: [ReplenishmentPolicy]
    /// Every event, sorted by `occurredAt` (ties keep generation order).
    public var events: [SupplyEvent]
    /// Patients in house at midnight per site, one count per day of history from `parameters.startDate`: the
    /// census that ward and pharmacy usage was drawn from.
    public var midnightCensus: [String: [Int]]
    /// Counts by event type, for READMEs and sanity checks.
    public var summary: DemoSummary
}

/// How many events of each type a dataset holds.
public struct DemoSummary: Sendable, Hashable, CustomStringConvertible {
    /// Every event type, with zero for types that do not occur.
    public var countsByType: [EventType: Int]
    public var totalEvents: Int

    /// Counts the events by type.
    public init(events: [SupplyEvent]) {
        var counts: [EventType: Int] = [:]
        for type in EventType.allCases { counts[type] = 0 }
        for event in events { counts[event.type, default: 0] += 1 }
        countsByType = counts
        totalEvents = events.count
    }

    /// One line per type, in `EventType` order, then the total.
    public var description: String {
        var lines = EventType.allCases.map { "\($0.rawValue): \(countsByType[$0] ?? 0)" }
        lines.append("total: \(totalEvents)")
        return lines.joined(separator: "\n")
    }
}
