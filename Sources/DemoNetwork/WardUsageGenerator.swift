import SupplyDomain

/// Census-driven consumption: each ward's daily use of its stock items, and the pharmacy's daily dispensing.
///
/// A ward item's daily quantity is Poisson(rate × midnight census of the ward); the pharmacy's is
/// Poisson(rate × whole-site census). Days with no use record nothing, which is what makes the intermittent
/// items (rates of a few uses per thousand bed-days) intermittent. Each day's use is written as one aggregated
/// `usage.recorded` per item and location in the late evening, as ward stock systems post it.
struct WardUsageGenerator {
    var demands: [Demand] = []

    init(parameters: DemoParameters, layout: NetworkLayout, catalog: Catalog, census: [[[Int]]]) {
        let start = parameters.startDate.dayNumber
        let wards = NetworkLayout.wards
        for siteIndex in layout.sites.indices {
            var random = SeededGenerator(seed: parameters.seed, stream: 300 + UInt64(siteIndex))
            let siteCensus = census[siteIndex]
            let days = siteCensus.first?.count ?? 0
            let total = (0..<days).map { day in siteCensus.reduce(0) { $0 + $1[day] } }
            for (itemIndex, entry) in catalog.entries.enumerated() {
                for (ward, rate) in entry.wardRates.enumerated() where rate > 0 {
                    for day in 0..<days {
                        let quantity = random.poisson(rate * Double(siteCensus[ward][day]))
                        guard quantity > 0 else { continue }
                        demands.append(Demand(dayNumber: start + day, secondOfDay: random.int(in: 79_200...84_600),
                                              site: siteIndex, item: itemIndex, location: wards[ward].id,
                                              quantity: quantity))
                    }
                }
                if entry.pharmacyRate > 0 {
                    for day in 0..<days {
                        let quantity = random.poisson(entry.pharmacyRate * Double(total[day]))
                        guard quantity > 0 else { continue }
                        demands.append(Demand(dayNumber: start + day, secondOfDay: random.int(in: 77_400...84_600),
                                              site: siteIndex, item: itemIndex, location: NetworkLayout.pharmacyLocation,
                                              quantity: quantity))
                    }
                }
            }
        }
    }
}
