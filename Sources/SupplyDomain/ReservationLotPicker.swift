/// Stock of one lot of an item at a site that a reservation could take.
public struct LotAvailability: Sendable, Hashable {
    /// Empty for stock kept without a lot.
    public var lot: String
    public var expiry: LocalDate?
    public var recalled: Bool
    /// On hand less what other cases already hold.
    public var available: Double

    public init(lot: String, expiry: LocalDate?, recalled: Bool, available: Double) {
        self.lot = lot
        self.expiry = expiry
        self.recalled = recalled
        self.available = available
    }
}

/// What a reservation took from one lot.
public struct LotPick: Sendable, Hashable {
    public var lot: String
    public var quantity: Double

    public init(lot: String, quantity: Double) {
        self.lot = lot
        self.quantity = quantity
    }
}

/// First-expiry-first-out lot picking for a case: never a recalled lot, never one that expires before the case.
public enum ReservationLotPicker {
    /// Picks `quantity` for a case on `caseDay`; whatever no usable lot covers is the shortfall.
    public static func pick(_ quantity: Double, on caseDay: LocalDate, from lots: [LotAvailability])
        -> (picks: [LotPick], shortfall: Double)
    {
        let usable = lots.filter { lot in
            !lot.recalled && lot.available > 1e-9 && (lot.expiry.map { $0 >= caseDay } ?? true)
        }.sorted { a, b in
            switch (a.expiry, b.expiry) {
            case let (x?, y?) where x != y: x < y
            case (_?, nil): true
            case (nil, _?): false
            default: a.lot < b.lot
            }
        }
        var left = quantity
        var picks: [LotPick] = []
        for lot in usable where left > 1e-9 {
            let taken = min(left, lot.available)
            picks.append(LotPick(lot: lot.lot, quantity: taken))
            left -= taken
        }
        return (picks, max(0, left))
    }
}
