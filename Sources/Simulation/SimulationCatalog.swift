import DemoNetwork
import Planning
import SupplyDomain

/// What every policy knows of the items: cost, supplier, the policy values that bind an order (pack, minimum,
/// maximum, lead time and its spread), and where a site keeps each item.
struct SimulationCatalog: Sendable {
    let items: [String: Item]
    let policies: [String: ReorderPointPolicy]
    /// The location a site's deliveries of an item are put away at: where it is used most.
    let homeLocations: [SiteItem: String]

    init(stream: DemandStream, demands: [UsageDemand]) {
        var items: [String: Item] = [:]
        for item in stream.items { items[item.id] = item }
        let networkPolicies = Dictionary(stream.policies.filter { $0.site.isEmpty }.map { ($0.item, $0) },
                                         uniquingKeysWith: { first, _ in first })
        let suppliers = Dictionary(stream.suppliers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var policies: [String: ReorderPointPolicy] = [:]
        for item in stream.items {
            policies[item.id] = ReorderPointPolicy.resolve(
                item: item, supplier: item.supplier.flatMap { suppliers[$0] }, network: networkPolicies[item.id], site: nil)
        }
        var counts: [SiteItem: [String: Int]] = [:]
        for demand in demands {
            counts[SiteItem(site: demand.site, item: demand.item), default: [:]][demand.location, default: 0] += 1
        }
        var homes: [SiteItem: String] = [:]
        for (siteItem, byLocation) in counts {
            homes[siteItem] = byLocation.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
        }
        self.items = items
        self.policies = policies
        self.homeLocations = homes
    }

    func item(_ siteItem: SiteItem) -> Item { items[siteItem.item]! }

    func policy(_ siteItem: SiteItem) -> ReorderPointPolicy { policies[siteItem.item]! }

    func homeLocation(_ siteItem: SiteItem, default location: String) -> String {
        homeLocations[siteItem] ?? location
    }
}
