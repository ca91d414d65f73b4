import Foundation
import SupplyDomain

/// A purchase requisition SupplyCast raised for one site and supplier, and where it stands.
public struct Requisition: Sendable, Codable, Hashable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Above the approval threshold: waits for a planner.
        case pendingApproval
        /// Approved (by threshold or planner) and queued for the ERP.
        case approved
        /// The ERP has it (`erpId`).
        case sent
        /// Every line received.
        case received
        /// A planner rejected it.
        case rejected
        /// The ERP refused it (4xx); a `requisition.failed` alert is open.
        case rejectedByERP
        /// Delivery gave up after the last retry; a `requisition.failed` alert is open.
        case failed
        case cancelled

        /// Statuses whose unreceived quantities count as on order.
        public static let open: [Status] = [.pendingApproval, .approved, .sent]
    }

    public enum Priority: String, Sendable, Codable {
        case routine, urgent
    }

    public var id: String
    public var site: String
    public var supplier: String
    public var runId: Int64?
    public var status: Status
    public var priority: Priority
    public var needBy: LocalDate
    public var totalValue: Double
    public var erpId: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var lines: [RequisitionLine]
}

/// One item on a requisition, with the reasoning that produced it.
public struct RequisitionLine: Sendable, Codable, Hashable {
    public var line: Int
    public var item: String
    public var gtin: String?
    public var quantity: Double
    public var received: Double
    public var unit: String
    public var unitPrice: Double
    public var needBy: LocalDate
    public var priority: Requisition.Priority
    /// Why the line exists, as the planning run computed it.
    public var reason: RequisitionReason

    public init(line: Int, item: String, gtin: String?, quantity: Double, received: Double = 0, unit: String,
                unitPrice: Double, needBy: LocalDate, priority: Requisition.Priority, reason: RequisitionReason) {
        self.line = line
        self.item = item
        self.gtin = gtin
        self.quantity = quantity
        self.received = received
        self.unit = unit
        self.unitPrice = unitPrice
        self.needBy = needBy
        self.priority = priority
        self.reason = reason
    }
}

/// The numbers behind a requisition line, so a planner can follow the decision.
public struct RequisitionReason: Sendable, Codable, Hashable {
    public var serviceLevel: Double
    public var leadTimeDays: Double
    public var reviewPeriodDays: Double
    /// Days of demand the reorder point covers (lead time + review period, more with lead-time variability).
    public var coverDays: Int
    /// Forecast quantile of demand over `coverDays` at `serviceLevel`.
    public var forecastDemand: Double
    /// Mean forecast demand over `coverDays`.
    public var meanDemand: Double
    /// Case reservations and shortfalls inside the window.
    public var reservationsInWindow: Double
    public var reorderPoint: Double
    public var orderUpTo: Double
    public var position: InventoryPosition
    public var packSize: Double
    public var minimumOrderQuantity: Double
    public var maximumQuantity: Double?
    /// Days from `asOf` until the projected stockout (nil when none within the forecast).
    public var stockoutInDays: Int?
    /// Where a policy value came from: `site override`, `network policy`, `item class default`.
    public var overrides: [String]
    /// One sentence a planner reads.
    public var summary: String

    public init(
        serviceLevel: Double, leadTimeDays: Double, reviewPeriodDays: Double, coverDays: Int, forecastDemand: Double,
        meanDemand: Double, reservationsInWindow: Double, reorderPoint: Double, orderUpTo: Double,
        position: InventoryPosition, packSize: Double, minimumOrderQuantity: Double, maximumQuantity: Double?,
        stockoutInDays: Int?, overrides: [String], summary: String
    ) {
        self.serviceLevel = serviceLevel
        self.leadTimeDays = leadTimeDays
        self.reviewPeriodDays = reviewPeriodDays
        self.coverDays = coverDays
        self.forecastDemand = forecastDemand
        self.meanDemand = meanDemand
        self.reservationsInWindow = reservationsInWindow
        self.reorderPoint = reorderPoint
        self.orderUpTo = orderUpTo
        self.position = position
        self.packSize = packSize
        self.minimumOrderQuantity = minimumOrderQuantity
        self.maximumQuantity = maximumQuantity
        self.stockoutInDays = stockoutInDays
        self.overrides = overrides
        self.summary = summary
    }
}

/// One entry of a requisition's status history.
public struct RequisitionStatusChange: Sendable, Codable, Hashable {
    public var status: String
    public var actor: String
    public var note: String?
    public var at: Date
}
