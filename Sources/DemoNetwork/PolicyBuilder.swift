import SupplyDomain

/// Network-wide replenishment policies, one per item.
///
/// Implants and critical items get a 0.99 service level, everything else 0.95; every item is reviewed daily,
/// with the supplier's lead time (standard deviation a quarter of it), a minimum order of one pack, and a
/// maximum on implants (consignment shelves are small) and on bulky items.
enum PolicyBuilder {
    static func policies(for items: [Item]) -> [ReplenishmentPolicy] {
        items.enumerated().map { offset, item in
            let lead = item.leadTimeDays ?? 3
            var maximum: Double?
            if item.isImplant {
                maximum = 6
            } else if offset % 5 == 0 {
                maximum = item.packSize * 20
            }
            return ReplenishmentPolicy(
                site: "", item: item.id, serviceLevel: item.isImplant || item.critical ? 0.99 : 0.95,
                reviewPeriodDays: 1, leadTimeDays: lead, leadTimeStdDevDays: (lead * 25).rounded() / 100,
                minimumOrderQuantity: item.packSize, maximumQuantity: maximum)
        }
    }
}
