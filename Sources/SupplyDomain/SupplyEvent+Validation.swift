extension SupplyEvent {
    /// The largest quantity one event may carry; anything above is taken for a unit or scanning mistake.
    public static let maximumQuantity = 1_000_000.0

    /// Checks what can be checked without master data: identifiers present, quantities possible, items named.
    public func validate() throws(EventProblem) {
        try Self.requireText(id, "id")
        try Self.requireText(source, "source")
        try Self.requireText(site, "site")
        switch body {
        case .admission(let change):
            try Self.requireText(change.encounter, "payload.encounter")
            if change.kind == .transferred, let toSite = change.toSite {
                try Self.requireText(toSite, "payload.toSite")
            }
        case .surgicalCase(let change):
            try Self.requireText(change.caseId, "payload.case")
            if change.kind == .scheduled {
                guard let procedure = change.procedure, !procedure.isEmpty else {
                    throw EventProblem(.missingField, field: "payload.procedure", "a scheduled case needs its procedure code")
                }
                guard change.scheduledFor != nil else {
                    throw EventProblem(.missingField, field: "payload.scheduledFor", "a scheduled case needs its start time")
                }
            }
            if change.kind == .rescheduled && change.scheduledFor == nil {
                throw EventProblem(.missingField, field: "payload.scheduledFor", "a rescheduled case needs its new start time")
            }
        case .usage(let usage):
            try Self.requireItem(usage.item, usage.gtin, usage.udi)
            try Self.requirePositive(usage.quantity)
        case .receipt(let receipt):
            try Self.requireText(receipt.po, "payload.po")
            try Self.requireItem(receipt.item, receipt.gtin, receipt.udi)
            try Self.requirePositive(receipt.quantity)
            if let price = receipt.unitPrice, !(price.isFinite && price >= 0) {
                throw EventProblem(.invalidValue, field: "payload.unitPrice", "unit price \(price) must be zero or more")
            }
        case .invoice(let line):
            try Self.requireText(line.supplier, "payload.supplier")
            try Self.requireText(line.invoice, "payload.invoice")
            try Self.requireItem(line.item, line.gtin, nil)
            guard line.quantity.isFinite, line.quantity != 0, abs(line.quantity) <= Self.maximumQuantity else {
                throw EventProblem(.impossibleQuantity, field: "payload.quantity",
                    "quantity \(line.quantity) must be non-zero (negative for a credit note) and at most \(Int(Self.maximumQuantity))")
            }
            guard line.unitPrice.isFinite, line.unitPrice >= 0 else {
                throw EventProblem(.invalidValue, field: "payload.unitPrice", "unit price \(line.unitPrice) must be zero or more")
            }
        case .stockCount(let count):
            try Self.requireItem(count.item, count.gtin, nil)
            guard count.quantity.isFinite, count.quantity >= 0, count.quantity <= Self.maximumQuantity else {
                throw EventProblem(.impossibleQuantity, field: "payload.quantity",
                    "a counted quantity must be between 0 and \(Int(Self.maximumQuantity)), not \(count.quantity)")
            }
        }
    }

    private static func requireText(_ value: String, _ field: String) throws(EventProblem) {
        if value.allSatisfy(\.isWhitespace) {
            throw EventProblem(.missingField, field: field, "must not be empty")
        }
    }

    private static func requireItem(_ item: String?, _ gtin: String?, _ udi: String?) throws(EventProblem) {
        if item?.isEmpty ?? true, gtin?.isEmpty ?? true, udi?.isEmpty ?? true {
            throw EventProblem(.missingField, field: "payload.item", "name the item by `item`, `gtin` or `udi`")
        }
    }

    private static func requirePositive(_ quantity: Double) throws(EventProblem) {
        guard quantity.isFinite, quantity > 0, quantity <= maximumQuantity else {
            throw EventProblem(.impossibleQuantity, field: "payload.quantity",
                "quantity must be greater than 0 and at most \(Int(maximumQuantity)), not \(quantity)")
        }
    }
}
