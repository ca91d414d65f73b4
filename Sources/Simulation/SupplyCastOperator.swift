import DemoNetwork
import Dispatch
import Forecasting
import Foundation
import Interop
import Logging
import Planning
import Store
import SupplyDomain

/// Runs SupplyCast the way a hospital would: its feeds deliver each day's events, a planning run per site
/// decides each night, and a planner approves the next morning what waited for approval.
///
/// It reaches SupplyCast only through its public API (append, `PlanningRun`, requisitions, alerts), so it
/// measures whatever planning does today.
struct SupplyCastOperator: Sendable {
    let store: SupplyStore
    let planning: PlanningRun
    let sites: [String]

    init(store: SupplyStore, forecast: ForecastConfiguration, approvalThreshold: Double, sites: [String]) {
        self.store = store
        self.sites = sites
        let forecaster = SiteForecaster(store: store, configuration: forecast)
        var planning = PlanningRun(store: store, forecaster: forecaster,
                                   settings: PlanningRunSettings(approvalThreshold: approvalThreshold))
        planning.logger.logLevel = .warning
        self.planning = planning
    }

    /// Imports the network's master data through the same importer as `supplycast import`.
    func importMasterData(of stream: DemandStream) throws {
        let tables: [(name: String, text: String)] = [
            ("sites.csv", MasterDataCSV.sites(stream.sites)),
            ("locations.csv", MasterDataCSV.locations(stream.locations)),
            ("suppliers.csv", MasterDataCSV.suppliers(stream.suppliers)),
            ("items.csv", MasterDataCSV.items(stream.items)),
            ("preference-cards.csv", MasterDataCSV.preferenceCards(stream.preferenceCards)),
            ("policies.csv", MasterDataCSV.policies(stream.policies)),
        ]
        var files: [(file: String, records: MasterDataRecords, data: Data)] = []
        for (name, text) in tables {
            let data = Data(text.utf8)
            files.append((name, try MasterDataDecoder().decode(data, kind: MasterDataKind(fileName: name)!, file: name), data))
        }
        _ = try store.importMasterData(files, importedAt: Date(timeIntervalSince1970: 0))
    }

    /// Ingests events as a feed would deliver them (encoded, decoded, appended in batches), received at `moment`;
    /// reports progress after each batch.
    func ingest(_ events: [SupplyEvent], receivedAt moment: Date, progress: (Int, Int) -> Void = { _, _ in }) throws {
        let batchSize = 20_000
        for start in stride(from: 0, to: events.count, by: batchSize) {
            let batch = Array(events[start..<min(events.count, start + batchSize)])
            let chunks = (batch.count + 999) / 1000
            let encoded = ParallelSlots<Data>(count: chunks)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let encoder = JSONEncoder()
                var data = Data()
                for event in batch[(chunk * 1000)..<min(batch.count, (chunk + 1) * 1000)] {
                    data.append((try? encoder.encode(event)) ?? Data())
                    data.append(0x0A)
                }
                encoded.store(data, at: chunk)
            }
            let ndjson = encoded.collect().reduce(into: Data()) { $0.append($1) }
            let decoded = EventDecoder().decode(ndjson, format: .ndjson, origin: "simulation")
            if let problem = decoded.lazy.compactMap(\.problem).first {
                throw SimulationError.eventRejected(problem.description)
            }
            for result in try store.append(decoded, receivedAt: moment) {
                if case .rejected(let problem, _) = result.outcome {
                    throw SimulationError.eventRejected("\(result.source ?? "")/\(result.id ?? ""): \(problem)")
                }
            }
            progress(min(events.count, start + batchSize), events.count)
        }
    }

    /// The night's planning run at every site; returns each run's record and the requisitions it raised.
    func planNight(_ day: LocalDate, at moment: Date) throws -> [(record: PlanningRunRecord, requisitions: [Requisition])] {
        var planning = planning
        planning.clock = { moment }
        return try sites.map { site in
            let record = try planning.run(site: site, asOf: day, trigger: "simulation", actor: "simulation")
            return (record, try store.requisitions(runId: record.id))
        }
    }

    /// A planner approves a requisition that waited overnight.
    func approve(_ requisition: Requisition, at moment: Date) throws {
        try store.approveRequisition(id: requisition.id, actor: "planner (simulation)", note: "morning approval",
                                     now: moment)
    }
}
