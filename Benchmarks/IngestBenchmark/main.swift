import AsyncHTTPClient
import DemoNetwork
import Foundation
import Hummingbird
import Interop
import NIOCore
import NIOHTTP1
import Server
import Store
import SupplyCastTesting
import SupplyDomain

// Bulk and HTTP ingest throughput, with projections, on the demo network's events.
//   SUPPLYCAST_BENCHMARKS=1 swift run -c release ingest-benchmark [bulk-events] [http-events]

let arguments = CommandLine.arguments
let bulkTarget = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
let httpTarget = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000

print("generating the demo network…")
var days = 730
var dataset = DemoNetwork.generate(DemoParameters(historyDays: days))
while dataset.events.count < bulkTarget {
    days *= 2
    dataset = DemoNetwork.generate(DemoParameters(historyDays: days))
}
let events = Array(dataset.events.prefix(bulkTarget))
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
var ndjson = Data()
for event in events {
    ndjson.append(try encoder.encode(event))
    ndjson.append(0x0A)
}

let network = dataset

func freshStore() throws -> TemporaryStore {
    let db = try TemporaryStore()
    try db.importMasterData(of: network)
    return db
}

// MARK: - Bulk

let bulk = try freshStore()
let file = try bulk.write("events.ndjson", String(decoding: ndjson, as: UTF8.self))
let started = ContinuousClock.now
let summary = try FileIngestor(store: bulk.store).ingest(path: file, format: .ndjson)
let elapsed = ContinuousClock.now - started
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(String(format: "bulk ingest: %d events (%d accepted, %d rejected) in %.2f s = %.0f events/s",
             events.count, summary.accepted, summary.rejected, seconds, Double(events.count) / seconds))

// MARK: - HTTP

let served = try freshStore()
let secret = try served.store.createToken(name: "bench", role: .integration).secret
let portBox = PortBox()
let app = SupplyCastServer.makeApplication(store: served.store, configuration: ServerConfiguration(port: 0),
                                           onServerRunning: { port in portBox.set(port) })
let serverTask = Task { try await app.runService() }
while portBox.get() == 0 { try await Task.sleep(for: .milliseconds(20)) }
let lines = ndjson.split(separator: 0x0A).prefix(httpTarget)
let batchSize = 1000
let batches = stride(from: 0, to: lines.count, by: batchSize).map { start in
    lines[lines.startIndex + start..<lines.startIndex + min(lines.count, start + batchSize)]
        .reduce(into: Data()) { $0.append(contentsOf: $1); $0.append(0x0A) }
}
let httpStarted = ContinuousClock.now
try await withThrowingTaskGroup(of: Void.self) { group in
    let clients = 4
    for client in 0..<clients {
        group.addTask {
            for index in stride(from: client, to: batches.count, by: clients) {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(portBox.get())/v1/events")
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer \(secret)")
                request.headers.add(name: "Content-Type", value: "application/x-ndjson")
                request.body = .bytes(ByteBuffer(bytes: batches[index]))
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
                _ = try await response.body.collect(upTo: 1 << 26)
            }
        }
    }
    try await group.waitForAll()
}
let httpElapsed = ContinuousClock.now - httpStarted
let httpSeconds = Double(httpElapsed.components.seconds) + Double(httpElapsed.components.attoseconds) / 1e18
print(String(format: "HTTP ingest: %d events in batches of %d from 4 clients in %.2f s = %.0f events/s",
             lines.count, batchSize, httpSeconds, Double(lines.count) / httpSeconds))
serverTask.cancel()

final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port = 0
    func set(_ value: Int) { lock.lock(); port = value; lock.unlock() }
    func get() -> Int { lock.lock(); defer { lock.unlock() }; return port }
}
