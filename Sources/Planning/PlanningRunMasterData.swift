import GRDB
import SupplyDomain

/// The master data a planning run reads: items, suppliers, and the policies of one site and the network.
struct PlanningRunMasterData {
    var items: [String: Item] = [:]
    var suppliers: [String: Supplier] = [:]
    var networkPolicies: [String: ReplenishmentPolicy] = [:]
    var sitePolicies: [String: ReplenishmentPolicy] = [:]

    init(_ db: Database, site: String) throws {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM item") {
            let item = Item(
                id: row["id"], name: row["name"], gtin: row["gtin"], unit: row["unit"], packSize: row["packSize"],
                category: row["category"], isImplant: row["isImplant"], lotTracked: row["lotTracked"],
                serialTracked: row["serialTracked"], critical: row["critical"], unitCost: row["unitCost"],
                supplier: row["supplier"], leadTimeDays: row["leadTimeDays"])
            items[item.id] = item
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM supplier") {
            suppliers[row["id"]] = Supplier(id: row["id"], name: row["name"], leadTimeDays: row["leadTimeDays"])
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM replenishmentPolicy WHERE site IN ('', ?)", arguments: [site]) {
            let policy = ReplenishmentPolicy(
                site: row["site"], item: row["item"], serviceLevel: row["serviceLevel"],
                reviewPeriodDays: row["reviewPeriodDays"], leadTimeDays: row["leadTimeDays"],
                leadTimeStdDevDays: row["leadTimeStdDevDays"], minimumOrderQuantity: row["minimumOrderQuantity"],
                maximumQuantity: row["maximumQuantity"])
            if policy.site.isEmpty { networkPolicies[policy.item] = policy } else { sitePolicies[policy.item] = policy }
        }
    }

    /// The policy that applies to an item at the site: site override over network row over item-class default.
    func policy(for item: Item, defaults: ReorderPointPolicy.Defaults) -> ReorderPointPolicy {
        ReorderPointPolicy.resolve(
            item: item, supplier: item.supplier.flatMap { suppliers[$0] }, network: networkPolicies[item.id],
            site: sitePolicies[item.id], defaults: defaults)
    }
}
