import SupplyDomain

/// A site's census on one day: movements and the midnight count they add up to.
public struct CensusDay: Sendable, Codable {
    public var site: String
    public var day: LocalDate
    public var admissions: Int
    public var discharges: Int
    public var transfersIn: Int
    public var transfersOut: Int
    /// Patients who left this day although the feed never carried their arrival (it began mid-stay); they count
    /// as in house on every earlier day.
    public var unseenArrivals: Int
    /// Patients in house at midnight, the end of the day: those in house before the feed began plus every
    /// arrival and minus every departure up to this day.
    public var inHouse: Int
}

/// A case as the case book holds it.
public struct CaseBookEntry: Sendable, Codable {
    public var site: String
    public var caseId: String
    public var procedure: String?
    public var surgeon: String?
    public var scheduledFor: String?
    public var status: String
}

/// What was used of an item at a site on a day.
public struct UsageDay: Sendable, Codable {
    public var site: String
    public var item: String
    public var day: LocalDate
    public var quantity: Double
}

/// Stock on hand of one item (lot, serial) in one location; negative balances are shown, never hidden.
public struct StockBalance: Sendable, Codable {
    public var site: String
    public var location: String
    public var item: String
    public var lot: String
    public var serial: String
    public var quantity: Double
    public var expiry: LocalDate?
    public var countedAt: String?
    public var negative: Bool { quantity < 0 }
}

/// Counts of what the store holds, for `supplycast db info` and the demo summary.
public struct StoreSummary: Sendable, Codable {
    public var sites: Int
    public var items: Int
    public var preferenceCardLines: Int
    public var events: Int
    public var eventsByType: [String: Int]
    public var openDeadLetters: Int
    public var openConflicts: Int
    public var cases: [String: Int]
    public var negativeStockBalances: Int
}
