import DemoNetwork
import Foundation
import Interop
import Store
import SupplyDomain

extension TemporaryStore {
    /// Imports a demo network's master data (sites, locations, suppliers, items, cards, policies) from its CSV
    /// tables, through the same importer as `supplycast import`.
    public func importMasterData(of dataset: DemoDataset) throws {
        var files: [(file: String, records: MasterDataRecords, data: Data)] = []
        for (name, text) in MasterDataCSV.files(of: dataset) {
            let data = Data(text.utf8)
            files.append((name, try MasterDataDecoder().decode(data, kind: MasterDataKind(fileName: name)!, file: name), data))
        }
        _ = try store.importMasterData(files)
    }

    /// A store holding a small demo network (master data and events), ingested through the append path.
    public static func demo(_ parameters: DemoParameters) throws -> (TemporaryStore, DemoDataset) {
        let db = try TemporaryStore()
        let dataset = DemoNetwork.generate(parameters)
        try db.importMasterData(of: dataset)
        try db.ingest(dataset.events)
        return (db, dataset)
    }

    /// Appends events in the order given, as canonical NDJSON through the decoder, `batch` at a time.
    public func ingest(_ events: [SupplyEvent], batch: Int = 20_000) throws {
        let encoder = JSONEncoder()
        var ndjson = Data()
        for event in events {
            ndjson.append(try encoder.encode(event))
            ndjson.append(0x0A)
        }
        let decoded = EventDecoder().decode(ndjson, format: .ndjson, origin: "demo")
        for start in stride(from: 0, to: decoded.count, by: batch) {
            _ = try store.append(Array(decoded[start..<min(decoded.count, start + batch)]))
        }
    }
}
