import CSV
import Foundation
import Logging
import Store

/// Drops approved requisitions as CSV files into a directory an ERP imports from.
///
/// Each file (`<requisition id>.csv`, one row per line) is written under a temporary name in the same directory
/// and renamed into place, so the ERP never sees half a file; writing it again after a crash replaces it with
/// the same content, so the ERP still sees one requisition.
public struct ERPCSVConnector: Connector {
    public let channel = Requisitions.channel
    public let schedule: RetrySchedule
    public let store: SupplyStore
    public let directory: URL
    let logger: Logger

    public init(store: SupplyStore, directory: URL, schedule: RetrySchedule = RetrySchedule(delays: [5, 30, 120, 600]),
                logger: Logger = Logger(label: "supplycast.erp")) {
        self.store = store
        self.directory = directory
        self.schedule = schedule
        self.logger = logger
    }

    public func deliver(_ message: OutboxMessage) async -> DeliveryOutcome {
        let document: RequisitionDocument
        do {
            document = try JSONDecoder().decode(RequisitionDocument.self, from: message.payload)
        } catch {
            return .rejected(error: "not a requisition document: \(error)", statusCode: nil)
        }
        let name = document.requisitionId.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        let target = directory.appendingPathComponent(String(name) + ".csv")
        let temporary = directory.appendingPathComponent(".\(String(name)).\(UUID().uuidString).tmp")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(try Self.csv(document).utf8).write(to: temporary)
            if rename(temporary.path, target.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
            }
            return .delivered(response: document.requisitionId, statusCode: nil)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            return .retryable(error: "cannot write \(target.path): \(error)", statusCode: nil, retryAfter: nil)
        }
    }

    public func finished(_ message: OutboxMessage, outcome: DeliveryOutcome, dead: Bool) async {
        do {
            try store.syncRequisitionDeliveries(id: message.messageId)
        } catch {
            logger.error("could not record the file drop on the requisition", metadata: ["requisition": "\(message.messageId)"])
        }
    }

    static func csv(_ document: RequisitionDocument) throws -> String {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: ["requisitionId", "site", "supplier", "needBy", "priority", "costCentre", "line", "item",
                               "gtin", "quantity", "unit", "estimatedUnitPrice", "lineNeedBy"])
        for line in document.lines {
            try writer.write(row: [document.requisitionId, document.site, document.supplier, document.needBy,
                                   document.priority, document.costCentre, String(line.line), line.item, line.gtin ?? "",
                                   number(line.quantity), line.unit, number(line.estimatedUnitPrice), line.needBy])
        }
        writer.stream.close()
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
