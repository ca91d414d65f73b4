import Foundation

/// `supplycast serve` as a child process, with its log in a file, so a test can kill it with SIGKILL and restart it.
public struct ServeProcess {
    public let process: Process
    public let port: Int

    /// Starts the server with a fast relay and compressed retry schedule and waits until it listens.
    public init(db: String, log: URL, extra: [String] = []) throws {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process = Process()
        process.executableURL = SupplyCastProcess.executable
        process.arguments = ["serve", "--db", db, "--port", "0", "--log-level", "notice", "--relay-interval", "0.1",
                             "--relay-lease", "2", "--webhook-retry-scale", "0.001"] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = handle
        let start = (try? Data(contentsOf: log).count) ?? 0
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning {
            let text = String(decoding: ((try? Data(contentsOf: log)) ?? Data()).dropFirst(start), as: UTF8.self)
            if let range = text.range(of: "port=") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits), port > 0 {
                    self.port = port
                    return
                }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw NSError(domain: "ServeProcess", code: 1, userInfo: [
            NSLocalizedDescriptionKey: "supplycast serve did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")",
        ])
    }

    public func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
