import ArgumentParser
import DemoNetwork
import Forecasting
import Dispatch
import Foundation
import Interop
import Planning
import Store
import SupplyDomain

extension SupplyCast {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the demo hospital network, write it as files and ingest it like real feeds.",
            discussion: """
                Deterministic for a seed: three sites, a few hundred items (consumables, lot- and serial-tracked
                implants with GTINs, pharmacy), about twenty procedures with preference cards, two years of daily
                admissions, OR cases, usage, receipts, invoices and counts, plus the next three weeks of booked cases.
                Master data is written as CSV and events as NDJSON under --out, then imported and ingested through
                the same path as any feed. See Data/README.md for the generator's parameters.

                With --webhook-url, an operations receiver is subscribed to every alert before the planning runs,
                and the alerts they raise are delivered to it, signed, before the command ends.

                Example:
                  supplycast demo --seed 7 --db demo.sqlite --out demo-data
                  supplycast demo --webhook-url http://127.0.0.1:9099/hooks --webhook-secret-file demo-data/secret
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var forecastConfig: ForecastConfigOptions

        @Option(help: "Random seed; the same seed gives the same network.")
        var seed: UInt64 = 42

        @Option(help: "Days of history to generate.")
        var days = 730

        @Option(help: "Folder for the generated master-data and event files.")
        var out = "demo-data"

        @Option(help: "Subscribe this receiver to every alert before planning, and deliver the alerts to it.")
        var webhookUrl: String?

        @Option(help: "With --webhook-url: write the subscription's signing secret to this file.")
        var webhookSecretFile: String?

        func validate() throws {
            if webhookSecretFile != nil && webhookUrl == nil {
                throw ValidationError("--webhook-secret-file goes with --webhook-url")
            }
        }

        func run() async throws {
            let started = Date()
            let forecasting = try forecastConfig.load()
            printNote("generating the demo network (seed \(seed), \(days) days)…")
            let dataset = DemoNetwork.generate(DemoParameters(seed: seed, historyDays: days))
            let folder = URL(fileURLWithPath: out)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var masterFiles: [(file: String, records: MasterDataRecords, data: Data)] = []
            for (name, text) in MasterDataCSV.files(of: dataset) {
                let url = folder.appendingPathComponent(name)
                let data = Data(text.utf8)
                try data.write(to: url, options: .atomic)
                let kind = MasterDataKind(fileName: name)!
                masterFiles.append((url.path, try MasterDataDecoder().decode(data, kind: kind, file: url.path), data))
            }
            let eventFiles = try Self.writeEvents(dataset.events, to: folder)
            printNote("wrote \(masterFiles.count) master-data files and \(dataset.events.count) events to \(folder.path)")

            let store = try global.openStore()
            for result in try store.importMasterData(masterFiles) {
                printNote("imported \(result.rows) \(result.kind)")
            }
            let ingestor = FileIngestor(store: store)
            var total = AppendSummary()
            for file in eventFiles {
                let progress = ProgressReporter(label: "ingest \((file as NSString).lastPathComponent)")
                total.merge(try ingestor.ingest(path: file, format: .ndjson, progress: progress.update))
            }
            print("")
            print("demo network ingested in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            Ingest.printSummary(total)
            print(SummaryText.render(try store.summary(), path: store.path))
            if let webhookUrl { try subscribeDemoReceiver(store, url: webhookUrl) }
            try planDemo(store: store, asOf: dataset.parameters.endDate, forecasting: forecasting)
            if webhookUrl != nil { try await deliverDemoAlerts(store) }
            print("""

                next:
                  supplycast census --db \(store.path) --site \(dataset.sites.first?.id ?? "SITE") --from \(dataset.parameters.endDate.advanced(by: -13))
                  supplycast cases --db \(store.path) --from \(dataset.parameters.endDate.advanced(by: 1)) --status scheduled
                  supplycast stock --db \(store.path) --negative
                  supplycast requisitions list --db \(store.path)
                  supplycast alerts list --db \(store.path)
                  supplycast webhooks deliveries --db \(store.path)
                """)
        }

        /// Ends the demo with a planning run per site and prints the requisitions raised and why.
        private func planDemo(store: SupplyStore, asOf: LocalDate, forecasting: ForecastConfiguration) throws {
            let planning = PlanningRun(store: store, forecaster: SiteForecaster(store: store, configuration: forecasting))
            print("")
            for site in try store.siteIds() {
                let run = try planning.run(site: site, asOf: asOf, trigger: "demo", actor: "demo")
                print(PlanText.summary(run))
                for requisition in try store.requisitions(site: site) where requisition.runId == run.id {
                    print("  \(requisition.id): \(requisition.lines.count) lines, \(requisition.priority.rawValue), "
                          + "need by \(requisition.needBy), \(requisition.status.rawValue)")
                    // One row per item: a maximum per order splits an item into several deliveries (lines).
                    let items = Dictionary(grouping: requisition.lines, by: \.item)
                    var seen = Set<String>()
                    for item in requisition.lines.map(\.item).filter({ seen.insert($0).inserted }).prefix(3) {
                        let deliveries = items[item] ?? []
                        let quantities = deliveries.map(\.quantity.quantityText).joined(separator: " + ")
                        print("    \(item) × \(quantities): \(deliveries[0].reason.summary)")
                    }
                }
            }
        }

        /// Writes events as NDJSON, one file per family, encoded in parallel.
        static func writeEvents(_ events: [SupplyEvent], to folder: URL) throws -> [String] {
            let families: [(name: String, matches: (EventType) -> Bool)] = [
                ("admissions.ndjson", { $0.rawValue.hasPrefix("admission.") }),
                ("cases.ndjson", { $0.rawValue.hasPrefix("case.") }),
                ("usage.ndjson", { $0 == .usageRecorded }),
                ("receipts.ndjson", { $0 == .receiptRecorded }),
                ("invoices.ndjson", { $0 == .invoiceReceived }),
                ("counts.ndjson", { $0 == .stockCounted }),
            ]
            var paths: [String] = []
            for family in families {
                let selected = events.filter { family.matches($0.type) }
                let chunkSize = 10_000
                let chunks = (selected.count + chunkSize - 1) / chunkSize
                let encoded = ParallelSlots<Data>(count: chunks)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    var data = Data()
                    for event in selected[chunk * chunkSize..<min(selected.count, (chunk + 1) * chunkSize)] {
                        data.append((try? encoder.encode(event)) ?? Data())
                        data.append(0x0A)
                    }
                    encoded.store(data, at: chunk)
                }
                let url = folder.appendingPathComponent(family.name)
                try encoded.collect().reduce(into: Data(), { $0.append($1) }).write(to: url, options: .atomic)
                paths.append(url.path)
            }
            return paths
        }
    }
}
