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
    /// When the delivery is expected: the day it was raised plus the lead time, or its need-by day if later.
    public var expectedArrival: LocalDate?
    public var priority: Requisition.Priority
    /// Why the line exists, as the planning run computed it.
    public var reason: RequisitionReason

    public init(line: Int, item: String, gtin: String?, quantity: Double, received: Double = 0, unit: String,
                unitPrice: Double, needBy: LocalDate, expectedArrival: LocalDate? = nil, priority: Requisition.Priority,
                reason: RequisitionReason) {
        self.line = line
        self.item = item
        self.gtin = gtin
        self.quantity = quantity
        self.received = received
        self.unit = unit
        self.unitPrice = unitPrice
        self.needBy = needBy
        self.expectedArrival = expectedArrival
        self.priority = priority
        self.reason = reason
    }
}

/// The numbers behind a requisition line, so a planner can follow the decision.
///
/// Every unit of demand in the cover window is counted once: what booked cases need on their days
/// (`reservationsInWindow`), plus the forecast of demand not booked yet (`unbookedDemand`), plus safety stock for
/// the service level (`safetyStock`). Fields added after the first release are optional so that lines stored
/// before them still read.
public struct RequisitionReason: Sendable, Codable, Hashable {
    public var serviceLevel: Double
    public var leadTimeDays: Double
    public var reviewPeriodDays: Double
    /// Days of demand the reorder point covers (lead time + review period, more with lead-time variability).
    public var coverDays: Int
    /// Forecast quantile of all demand over `coverDays` at `serviceLevel`.
    public var forecastDemand: Double
    /// Mean forecast demand over `coverDays`.
    public var meanDemand: Double
    /// What booked cases need inside the window, on their case days.
    public var reservationsInWindow: Double
    /// Forecast demand inside the window that no booked case accounts for yet.
    public var unbookedDemand: Double?
    /// Stock held against forecast error at the service level: the forecast quantile less its mean.
    public var safetyStock: Double?
    /// booked + not yet booked + safety stock, in whole units.
    public var reorderPoint: Double
    public var orderUpTo: Double
    /// Usable on hand + on order: what the reorder point is compared with.
    public var stockAndOrders: Double?
    public var position: InventoryPosition
    public var packSize: Double
    public var minimumOrderQuantity: Double
    public var maximumQuantity: Double?
    /// Every constraint that changed the quantity from the bare need, in the order applied.
    public var constraints: [String]?
    /// How many deliveries the quantity is split into (more than one when the maximum per order binds).
    public var deliveries: Int?
    /// When an order placed on the planning day is expected to arrive (planning day + lead time).
    public var expectedArrival: LocalDate?
    /// The first day projected stock cannot serve demand, before this line (nil when none within the forecast).
    public var stockoutDate: LocalDate?
    /// Days from `asOf` until the projected stockout (nil when none within the forecast).
    public var stockoutInDays: Int?
    /// Where a policy value came from: `site override`, `network policy`, `item class default`.
    public var overrides: [String]
    /// One sentence a planner reads.
    public var summary: String

    public init(
        serviceLevel: Double, leadTimeDays: Double, reviewPeriodDays: Double, coverDays: Int, forecastDemand: Double,
        meanDemand: Double, reservationsInWindow: Double, unbookedDemand: Double? = nil, safetyStock: Double? = nil,
        reorderPoint: Double, orderUpTo: Double, stockAndOrders: Double? = nil, position: InventoryPosition,
        packSize: Double, minimumOrderQuantity: Double, maximumQuantity: Double?, constraints: [String]? = nil,
        deliveries: Int? = nil, expectedArrival: LocalDate? = nil, stockoutDate: LocalDate? = nil,
        stockoutInDays: Int?, overrides: [String], summary: String
    ) {
        self.serviceLevel = serviceLevel
        self.leadTimeDays = leadTimeDays
        self.reviewPeriodDays = reviewPeriodDays
        self.coverDays = coverDays
        self.forecastDemand = forecastDemand
        self.meanDemand = meanDemand
        self.reservationsInWindow = reservationsInWindow
        self.unbookedDemand = unbookedDemand
        self.safetyStock = safetyStock
        self.reorderPoint = reorderPoint
        self.orderUpTo = orderUpTo
        self.stockAndOrders = stockAndOrders
        self.position = position
        self.packSize = packSize
        self.minimumOrderQuantity = minimumOrderQuantity
        self.maximumQuantity = maximumQuantity
        self.constraints = constraints
        self.deliveries = deliveries
        self.expectedArrival = expectedArrival
        self.stockoutDate = stockoutDate
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
