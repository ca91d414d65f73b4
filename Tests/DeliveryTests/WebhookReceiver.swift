import Foundation
import Testing

/// The Python receiver in `Tests/webhooks/receiver.py`, built on the `standardwebhooks` library, run on a
/// loopback port: it verifies every request and writes one JSON line per request to its log.
final class WebhookReceiver {
    struct Record: Decodable {
        var id: String?
        var verified: Bool
        var type: String?
        var error: String?
        var duplicate: Bool
        var status: Int
        var at: Double
        /// The request body as received.
        var body: String?
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let python = root.appendingPathComponent(".venv/bin/python")
    static let script = root.appendingPathComponent("Tests/webhooks/receiver.py")

    let process: Process
    let port: Int
    let log: URL

    /// Starts the receiver (on `port`, or a free one) and waits until it listens.
    /// `lifetime`: seconds after which the receiver exits on its own, so a test that forgets it leaves no process.
    convenience init(secret: String, folder: URL, port: Int = 0, script: [String] = [], log: URL? = nil,
                     lifetime: Int = 120) throws {
        try self.init(secretArguments: ["--secret", secret], folder: folder, port: port, script: script, log: log,
                      lifetime: lifetime)
    }

    /// Starts a receiver that reads its secret from `secretFile` when the first request arrives.
    convenience init(secretFile: URL, folder: URL) throws {
        try self.init(secretArguments: ["--secret-file", secretFile.path], folder: folder, port: 0, script: [], log: nil,
                      lifetime: 120)
    }

    private init(secretArguments: [String], folder: URL, port: Int, script: [String], log: URL?, lifetime: Int) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python.path) else {
            throw ReceiverError("no \(Self.python.path): run `make venv` (python3 -m venv .venv && .venv/bin/pip install standardwebhooks)")
        }
        let portFile = folder.appendingPathComponent("receiver-\(UUID().uuidString).port")
        self.log = log ?? folder.appendingPathComponent("receiver-\(UUID().uuidString).ndjson")
        process = Process()
        process.executableURL = Self.python
        process.arguments = [Self.script.path, "--port", String(port), "--port-file", portFile.path] + secretArguments + [
                             "--log", self.log.path, "--script", script.joined(separator: ","), "--lifetime", String(lifetime)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        var found: Int?
        while Date() < deadline, process.isRunning {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let value = Int(text), value > 0 {
                found = value
                break
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        guard let found else {
            process.terminate()
            throw ReceiverError("the Python receiver did not start (exit \(process.isRunning ? "-" : "\(process.terminationStatus)"))")
        }
        self.port = found
    }

    var url: String { "http://127.0.0.1:\(port)/hooks" }

    /// Every request so far, in arrival order.
    func records() throws -> [Record] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Record.self, from: Data($0.utf8)) }
    }

    /// SIGTERM, then SIGKILL if it is still running 2 s later.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

struct ReceiverError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
