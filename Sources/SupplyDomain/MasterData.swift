/// A hospital of the network.
public struct Site: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// IANA time zone, for display; events carry their own offsets.
    public var timeZone: String?
    /// Where usage and receipts land when an event names no location.
    public var defaultLocation: String

    public init(id: String, name: String, timeZone: String? = nil, defaultLocation: String = "MAIN") {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.defaultLocation = defaultLocation
    }
}

/// A storage location within a site: central store, OR core, ward cupboard, pharmacy.
public struct Location: Sendable, Hashable, Codable {
    public var site: String
    public var id: String
    public var name: String
    public var kind: String?

    public init(site: String, id: String, name: String, kind: String? = nil) {
        self.site = site
        self.id = id
        self.name = name
        self.kind = kind
    }
}

/// A company SupplyCast orders from.
public struct Supplier: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// Typical days from order to receipt, when the supplier has one lead time for everything.
    public var leadTimeDays: Double?

    public init(id: String, name: String, leadTimeDays: Double? = nil) {
        self.id = id
        self.name = name
        self.leadTimeDays = leadTimeDays
    }
}

/// A stocked item: a consumable, an implant, a drug.
public struct Item: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// GS1 Global Trade Item Number (14 digits), as found in UDI barcodes.
    public var gtin: String?
    /// Unit of issue, e.g. `EA`, `BOX`.
    public var unit: String
    /// Units per orderable pack.
    public var packSize: Double
    public var category: String
    public var isImplant: Bool
    public var lotTracked: Bool
    public var serialTracked: Bool
    /// Critical items get the higher service level.
    public var critical: Bool
    public var unitCost: Double
    public var supplier: String?
    public var leadTimeDays: Double?

    public init(
        id: String, name: String, gtin: String? = nil, unit: String = "EA", packSize: Double = 1,
        category: String = "consumable", isImplant: Bool = false, lotTracked: Bool = false,
        serialTracked: Bool = false, critical: Bool = false, unitCost: Double = 0, supplier: String? = nil,
        leadTimeDays: Double? = nil
    ) {
        self.id = id
        self.name = name
        self.gtin = gtin
        self.unit = unit
        self.packSize = packSize
        self.category = category
        self.isImplant = isImplant
        self.lotTracked = lotTracked
        self.serialTracked = serialTracked
        self.critical = critical
        self.unitCost = unitCost
        self.supplier = supplier
        self.leadTimeDays = leadTimeDays
    }
}

/// One line of a preference card: what a procedure (optionally for one surgeon) uses.
public struct PreferenceCardLine: Sendable, Hashable, Codable {
    public var procedure: String
    /// Empty for the procedure's default card; a surgeon's card overrides it.
    public var surgeon: String
    public var item: String
    public var quantity: Double

    public init(procedure: String, surgeon: String = "", item: String, quantity: Double) {
        self.procedure = procedure
        self.surgeon = surgeon
        self.item = item
        self.quantity = quantity
    }
}

/// How an item is replenished at a site: service level, review period, order constraints.
///
/// An empty `site` applies network-wide; a site-specific row overrides it.
public struct ReplenishmentPolicy: Sendable, Hashable, Codable {
    public var site: String
    public var item: String
    public var serviceLevel: Double?
    public var reviewPeriodDays: Double
    public var leadTimeDays: Double?
    public var leadTimeStdDevDays: Double?
    public var minimumOrderQuantity: Double
    public var maximumQuantity: Double?

    public init(
        site: String = "", item: String, serviceLevel: Double? = nil, reviewPeriodDays: Double = 1,
        leadTimeDays: Double? = nil, leadTimeStdDevDays: Double? = nil, minimumOrderQuantity: Double = 0,
        maximumQuantity: Double? = nil
    ) {
        self.site = site
        self.item = item
        self.serviceLevel = serviceLevel
        self.reviewPeriodDays = reviewPeriodDays
        self.leadTimeDays = leadTimeDays
        self.leadTimeStdDevDays = leadTimeStdDevDays
        self.minimumOrderQuantity = minimumOrderQuantity
        self.maximumQuantity = maximumQuantity
    }
}
