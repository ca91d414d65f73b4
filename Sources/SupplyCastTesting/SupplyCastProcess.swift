import Foundation

/// Runs the built `supplycast` executable, as a user or a scheduler would.
public struct SupplyCastProcess {
    /// The executable next to the test bundle (`.build/<config>/supplycast`).
    public static var executable: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            let candidate = url.appendingPathComponent("supplycast")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: ".build/debug/supplycast")
    }

    public struct Output {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs to completion and captures its output.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Starts `supplycast serve` on a free port and waits until it listens; returns the process and its port.
    public static func startServer(db: String) throws -> (process: Process, port: Int) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--db", db, "--port", "0", "--log-level", "notice"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: "port=") {
                let digits = seen[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits), port > 0 { return (process, port) }
            }
        }
        process.terminate()
        throw NSError(domain: "SupplyCastProcess", code: 1, userInfo: [NSLocalizedDescriptionKey: "server did not start: \(seen)"])
    }
}
