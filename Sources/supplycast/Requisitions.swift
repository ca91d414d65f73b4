import ArgumentParser
import Delivery
import Foundation
import Store
import SupplyDomain

extension SupplyCast {
    struct Requisitions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Requisitions raised by planning runs, their ERP status and history; approve, reject, cancel.",
            discussion: """
                Requisitions above the approval threshold wait for a planner; approved ones go to the ERP through
                the outbox (supplycast serve --erp-url URL or --erp-drop-dir DIR delivers them).

                Examples:
                  supplycast requisitions list --status pendingApproval
                  supplycast requisitions show RQ-7-NORTH-ORTHO
                  supplycast requisitions approve RQ-7-NORTH-ORTHO --note "budget ok"
                """,
            subcommands: [List.self, Show.self, Approve.self, Reject.self, Cancel.self])
    }
}

extension Requisition.Status: ExpressibleByArgument {}

extension SupplyCast.Requisitions {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Requisitions, newest first.", discussion: "Example:\n  supplycast requisitions list --site NORTH")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Option(help: "Site code.") var site: String?
        @Option(help: "pendingApproval, approved, sent, received, rejected, rejectedByERP, failed or cancelled.")
        var status: Requisition.Status?
        @Option(help: "At most this many.") var limit = 500

        func run() throws {
            let store = try global.openStore()
            try store.syncRequisitionDeliveries()
            try Listing<Requisition>(columns: [
                ("id", \.id), ("site", \.site), ("supplier", \.supplier), ("status", \.status.rawValue),
                ("priority", \.priority.rawValue), ("need by", { $0.needBy.description }), ("lines", { "\($0.lines.count)" }),
                ("value", { String(format: "%.2f", $0.totalValue) }), ("erp id", { $0.erpId ?? "" }),
            ]).print(try store.requisitions(site: site, status: status, limit: limit), format: listing.format,
                     empty: "no requisitions")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One requisition: lines with why each was raised, and its status history.",
            discussion: "Example:\n  supplycast requisitions show RQ-7-NORTH-ORTHO --format json")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @Argument(help: "Requisition id.") var id: String

        struct Detail: Encodable {
            var requisition: Requisition
            var history: [RequisitionStatusChange]
        }

        func run() throws {
            let store = try global.openStore()
            try store.syncRequisitionDeliveries(id: id)
            let (requisition, history) = try store.requisition(id: id)
            guard listing.format == .table else {
                try Listing<Detail>(columns: []).print([Detail(requisition: requisition, history: history)], format: .json)
                return
            }
            print(RequisitionText.render(requisition, history: history))
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a requisition waiting for approval; it is queued for the ERP.",
            discussion: "Example:\n  supplycast requisitions approve RQ-7-NORTH-ORTHO --note \"budget ok\"")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Requisition id.") var id: String
        @Option(help: "Why, for the history.") var note: String?
        @Option(help: "Who decides (default: $USER).") var actor: String?

        func run() throws {
            try global.openStore().approveRequisition(id: id, actor: currentActor(actor), note: note)
            print("\(id) approved and queued for the ERP")
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a requisition waiting for approval.",
            discussion: "Example:\n  supplycast requisitions reject RQ-7-NORTH-ORTHO --note \"stock moved from SOUTH\"")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Requisition id.") var id: String
        @Option(help: "Why, for the history.") var note: String?
        @Option(help: "Who decides (default: $USER).") var actor: String?

        func run() throws {
            try global.openStore().rejectRequisition(id: id, actor: currentActor(actor), note: note)
            print("\(id) rejected")
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a requisition the ERP does not have yet.",
            discussion: "Example:\n  supplycast requisitions cancel RQ-7-NORTH-ORTHO --note \"case cancelled\"")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Requisition id.") var id: String
        @Option(help: "Why, for the history.") var note: String?
        @Option(help: "Who decides (default: $USER).") var actor: String?

        func run() throws {
            try global.openStore().cancelRequisition(id: id, actor: currentActor(actor), note: note)
            print("\(id) cancelled")
        }
    }
}

/// A requisition as a planner reads it.
enum RequisitionText {
    static func render(_ requisition: Requisition, history: [RequisitionStatusChange]) -> String {
        var lines = [
            "\(requisition.id) · \(requisition.site) · supplier \(requisition.supplier) · \(requisition.status.rawValue)"
                + " · \(requisition.priority.rawValue) · need by \(requisition.needBy)"
                + " · value \(String(format: "%.2f", requisition.totalValue))"
                + (requisition.erpId.map { " · ERP \($0)" } ?? ""),
        ]
        for line in requisition.lines {
            lines.append("  \(line.line). \(line.item) × \(line.quantity.quantityText) \(line.unit) (\(line.priority.rawValue),"
                         + " need by \(line.needBy), received \(line.received.quantityText))")
            lines.append("     why: \(line.reason.summary)")
            if !line.reason.overrides.isEmpty { lines.append("     policy: \(line.reason.overrides.joined(separator: "; "))") }
        }
        lines.append("history:")
        for change in history {
            lines.append("  \(Timestamp(date: change.at)) \(change.status) by \(change.actor)" + (change.note.map { " — \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}

/// How `serve` reaches the ERP: an HTTP endpoint or a drop directory (also $SUPPLYCAST_ERP_URL,
/// $SUPPLYCAST_ERP_DROP_DIR); with neither, requisitions wait in the outbox.
struct ERPOptions: ParsableArguments {
    @Option(name: .customLong("erp-url"), help: "ERP endpoint that takes requisition JSON by POST (also $SUPPLYCAST_ERP_URL).")
    var erpUrlOption: String?

    @Option(name: .customLong("erp-drop-dir"), help: "Directory an ERP imports requisition CSV files from (also $SUPPLYCAST_ERP_DROP_DIR).")
    var erpDropDirOption: String?

    var erpUrl: String? { erpUrlOption ?? ProcessInfo.processInfo.environment["SUPPLYCAST_ERP_URL"] }
    var erpDropDir: String? { erpDropDirOption ?? ProcessInfo.processInfo.environment["SUPPLYCAST_ERP_DROP_DIR"] }

    @Option(help: "Scale the ERP retry schedule (5 s … 4 h) by this factor.")
    var erpRetryScale = 1.0

    @Option(help: "Requisitions raised over HTTP-triggered runs worth more than this wait for approval.")
    var approvalThreshold = 5000.0

    @Option(help: "Tell ops again only when an alert's stockout or case day moves by more than this many days.")
    var alertDayTolerance = 2

    func validate() throws {
        if erpUrl != nil && erpDropDir != nil {
            throw ValidationError("give --erp-url or --erp-drop-dir, not both")
        }
        if let erpUrl, URL(string: erpUrl)?.scheme?.hasPrefix("http") != true {
            throw ValidationError("--erp-url must be an http(s) URL, e.g. https://erp.example.org/requisitions")
        }
    }

    func connector(store: SupplyStore) throws -> (any Connector)? {
        if let erpUrl {
            return ERPHTTPConnector(store: store, url: erpUrl, schedule: ERPHTTPConnector.defaultSchedule.scaled(by: erpRetryScale))
        }
        if let erpDropDir {
            return ERPCSVConnector(store: store, directory: URL(fileURLWithPath: erpDropDir))
        }
        return nil
    }
}
