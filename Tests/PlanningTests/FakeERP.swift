import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// An ERP on loopback that takes requisitions by POST, as a real one would: it keeps each `Idempotency-Key` once
/// and answers a repeated key with 409. A script of answers plays the ERP's bad days, one entry per request:
/// `ok`, `status:503`, `slow:SECONDS` (records the requisition, then answers late), `status:422`.
final class FakeERP: Sendable {
    struct Received: Sendable {
        var key: String
        var body: Data
    }

    private struct State {
        var script: [String]
        var requests: [Received] = []
        var accepted: [String: String] = [:]
    }

    /// What the ERP has seen, shared between its request handler and the test.
    private final class Journal: Sendable {
        let state: Mutex<State>
        init(_ state: State) { self.state = Mutex(state) }
    }

    private let journal: Journal
    private let task: Task<Void, any Error>
    let port: Int

    var url: String { "http://127.0.0.1:\(port)/requisitions" }

    /// Every request in arrival order, repeats included.
    var requests: [Received] { journal.state.withLock { $0.requests } }

    /// Requisitions the ERP holds, by idempotency key → the ERP's own id.
    var accepted: [String: String] { journal.state.withLock { $0.accepted } }

    /// Starts on `port` (0 for any free one) and returns once it listens.
    init(script: [String] = [], port: Int = 0) async throws {
        let journal = Journal(State(script: script))
        self.journal = journal
        let router = Router()
        router.post("/requisitions") { request, _ -> Response in
            let key = request.headers[HTTPField.Name("Idempotency-Key")!] ?? ""
            let body = Data(try await request.body.collect(upTo: 1 << 20).readableBytesView)
            let (answer, existing, erpId) = journal.state.withLock { state -> (String, String?, String) in
                state.requests.append(Received(key: key, body: body))
                let answer = state.script.isEmpty ? "ok" : state.script.removeFirst()
                let existing = state.accepted[key]
                let erpId = existing ?? "ERP-\(state.accepted.count + 1)"
                if existing == nil, answer == "ok" || answer.hasPrefix("slow:") { state.accepted[key] = erpId }
                return (answer, existing, erpId)
            }
            if let existing {
                return Self.json(.conflict, ["error": "duplicate Idempotency-Key", "id": existing])
            }
            if answer.hasPrefix("status:"), let code = Int(answer.dropFirst(7)) {
                return Self.json(HTTPResponse.Status(code: code), ["error": "scripted \(code)"])
            }
            if answer.hasPrefix("slow:"), let seconds = Double(answer.dropFirst(5)) {
                try await Task.sleep(for: .seconds(seconds))
            }
            return Self.json(.created, ["id": erpId])
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "fake-erp")
        logger.logLevel = .warning
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
                              logger: logger)
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = stream.makeAsyncIterator()
        guard let bound = await iterator.next(), bound > 0 else { throw FakeERPError("the fake ERP did not start") }
        self.port = bound
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    private static func json(_ status: HTTPResponse.Status, _ object: [String: String]) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

struct FakeERPError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
