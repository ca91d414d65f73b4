/// Stock of one item at one site projected day by day from the day after `asOf`: usable on hand, plus arrivals on
/// their expected days, minus booked case demand on the case days, minus the forecast of demand not booked yet.
///
/// Each day, arrivals come in first (deliveries land in the morning), then booked cases take what they need in
/// day order, then unbooked use (wards, cases not booked yet) takes its expected amount. Stock never goes below
/// zero in the projection: what cannot be served is that day's shortfall. Booked cases come first because their
/// demand is certain and their day is known; a case that cannot be served is *short*, the patient impact a
/// planner must act on.
public struct StockProjection: Sendable, Hashable {
    /// A delivery expected on a day.
    public struct Arrival: Sendable, Hashable {
        public var day: LocalDate
        public var quantity: Double

        public init(day: LocalDate, quantity: Double) {
            self.day = day
            self.quantity = quantity
        }
    }

    /// What one booked case needs of the item on its day.
    public struct CaseNeed: Sendable, Hashable {
        public var caseId: String
        public var day: LocalDate
        public var quantity: Double

        public init(caseId: String, day: LocalDate, quantity: Double) {
            self.caseId = caseId
            self.day = day
            self.quantity = quantity
        }
    }

    /// A booked case the projected stock cannot fully serve.
    public struct ShortCase: Sendable, Hashable {
        public var caseId: String
        public var day: LocalDate
        public var missing: Double
    }

    /// One projected day.
    public struct Day: Sendable, Hashable {
        public var day: LocalDate
        public var arrivals: Double
        public var booked: Double
        public var unbooked: Double
        /// Demand of the day that stock could not serve.
        public var shortfall: Double
        /// Stock at the end of the day.
        public var closing: Double
    }

    public var asOf: LocalDate
    public var days: [Day]
    /// Booked cases short of the item, earliest first.
    public var shortCases: [ShortCase]

    /// Projects `horizon` days (at least the length of `unbookedDaily`).
    ///
    /// - Parameters:
    ///   - usableOnHand: stock in lots neither expired nor recalled at the end of `asOf`.
    ///   - unbookedDaily: expected demand not yet booked, from the day after `asOf` on; missing days count as zero.
    ///   - countUnbooked: false projects booked demand alone (what is certain to be needed).
    public init(asOf: LocalDate, usableOnHand: Double, arrivals: [Arrival], caseNeeds: [CaseNeed],
                unbookedDaily: [Double], horizon: Int? = nil, countUnbooked: Bool = true) {
        self.asOf = asOf
        let length = max(horizon ?? unbookedDaily.count, 0)
        var arriving = [Double](repeating: 0, count: length + 1)
        var earlyArrivals = 0.0
        for arrival in arrivals {
            let offset = asOf.distance(to: arrival.day)
            if offset <= 1 {
                // Overdue or due tomorrow: counted on the first projected day.
                earlyArrivals += arrival.quantity
            } else if offset <= length {
                arriving[offset] += arrival.quantity
            }
        }
        var needsByDay = [[CaseNeed]](repeating: [], count: length + 1)
        for need in caseNeeds {
            let offset = asOf.distance(to: need.day)
            guard offset >= 1, offset <= length else { continue }
            needsByDay[offset].append(need)
        }
        var stock = max(usableOnHand, 0)
        var projected: [Day] = []
        var short: [ShortCase] = []
        projected.reserveCapacity(length)
        for offset in stride(from: 1, through: length, by: 1) {
            let incoming = arriving[offset] + (offset == 1 ? earlyArrivals : 0)
            stock += incoming
            var shortfall = 0.0
            var booked = 0.0
            for need in needsByDay[offset].sorted(by: { $0.caseId < $1.caseId }) {
                booked += need.quantity
                let served = min(stock, need.quantity)
                stock -= served
                if need.quantity - served > 1e-9 {
                    shortfall += need.quantity - served
                    short.append(ShortCase(caseId: need.caseId, day: need.day, missing: need.quantity - served))
                }
            }
            let unbooked = countUnbooked && offset - 1 < unbookedDaily.count ? max(unbookedDaily[offset - 1], 0) : 0
            let served = min(stock, unbooked)
            stock -= served
            shortfall += unbooked - served
            projected.append(Day(day: asOf.advanced(by: offset), arrivals: incoming, booked: booked,
                                 unbooked: unbooked, shortfall: shortfall, closing: stock))
        }
        days = projected
        shortCases = short
    }

    /// The case shortfalls that expected deliveries do not cover in time.
    ///
    /// `shortfalls` are what stock on hand cannot give each case (the reservation projection's shortfalls, which
    /// already know lots, expiry and recalls); deliveries expected on or before a case's day cover the earliest
    /// shortfalls first. What remains is what a booked case will lack if nobody acts.
    public static func uncoveredShortfalls(_ shortfalls: [CaseNeed], arrivals: [Arrival]) -> [ShortCase] {
        let ordered = shortfalls.sorted { ($0.day, $0.caseId) < ($1.day, $1.caseId) }
        let deliveries = arrivals.sorted { $0.day < $1.day }
        var next = 0
        var available = 0.0
        var result: [ShortCase] = []
        for shortfall in ordered {
            while next < deliveries.count && deliveries[next].day <= shortfall.day {
                available += deliveries[next].quantity
                next += 1
            }
            let covered = min(available, shortfall.quantity)
            available -= covered
            if shortfall.quantity - covered > 1e-9 {
                result.append(ShortCase(caseId: shortfall.caseId, day: shortfall.day, missing: shortfall.quantity - covered))
            }
        }
        return result
    }

    /// The first day on which demand goes unserved, if any.
    public var stockoutDay: LocalDate? {
        days.first { $0.shortfall > 1e-9 }?.day
    }

    /// The first day within the first `days` projected days on which demand goes unserved.
    public func stockoutDay(within limit: Int) -> LocalDate? {
        days.prefix(limit).first { $0.shortfall > 1e-9 }?.day
    }

    /// Days from `asOf` to the stockout, if one is projected.
    public var stockoutInDays: Int? {
        stockoutDay.map { asOf.distance(to: $0) }
    }
}
