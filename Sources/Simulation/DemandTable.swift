import DemoNetwork
import SupplyDomain

/// True use per site × item and day, from the demand stream: what trailing averages look back on and what a
/// replay looks ahead to.
struct DemandTable: Sendable {
    let firstDay: LocalDate
    let lastDay: LocalDate
    private var daily: [SiteItem: [Int]] = [:]

    init(_ demands: [UsageDemand], from firstDay: LocalDate, through lastDay: LocalDate) {
        self.firstDay = firstDay
        self.lastDay = lastDay
        let days = firstDay.distance(to: lastDay) + 1
        for demand in demands where demand.day >= firstDay && demand.day <= lastDay {
            daily[SiteItem(site: demand.site, item: demand.item), default: Array(repeating: 0, count: days)][
                firstDay.distance(to: demand.day)] += demand.quantity
        }
    }

    /// Units used on `day` (zero outside the table).
    func units(_ siteItem: SiteItem, on day: LocalDate) -> Int {
        let index = firstDay.distance(to: day)
        guard let values = daily[siteItem], index >= 0, index < values.count else { return 0 }
        return values[index]
    }

    /// Units used on days `from...through` that the table holds.
    func units(_ siteItem: SiteItem, from: LocalDate, through: LocalDate) -> Int {
        guard let values = daily[siteItem] else { return 0 }
        let first = max(firstDay.distance(to: from), 0)
        let last = min(firstDay.distance(to: through), values.count - 1)
        guard first <= last else { return 0 }
        return values[first...last].reduce(0, +)
    }
}
