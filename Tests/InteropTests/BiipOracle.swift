import Foundation
import SupplyDomain

/// `Tests/udi/biip_oracle.py`: generates GS1 UDI scans from a seed and reads each with the Python `biip` library,
/// all in one process.
enum BiipOracle {
    /// One generated scan, what was encoded in it, and what biip read.
    struct Case: Decodable {
        var scan: String
        var form: String
        /// nil for a well-formed scan; else what was broken (`dropped_separator`, `check_digit`, ...).
        var corruption: String?
        /// The element strings as generated, by AI, before any corruption.
        var truth: [String: String]
        var biip: Reading
    }

    /// The fields both readers are compared on; `refused` says why biip would not read the scan.
    struct Reading: Decodable, Equatable, CustomStringConvertible {
        var refused: String?
        var gtin: String?
        var lot: String?
        var serial: String?
        var expiry: String?
        var expiryTime: String?
        var productionDate: String?
        var quantity: Int?
        var additionalProductId: String?

        var description: String {
            if let refused { return "refused: \(refused)" }
            return [gtin, lot, serial, expiry, expiryTime, productionDate, quantity.map(String.init), additionalProductId]
                .map { $0 ?? "-" }.joined(separator: " | ")
        }
    }

    private struct Header: Decodable {
        var today: String
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let python = root.appendingPathComponent(".venv/bin/python")
    static let script = root.appendingPathComponent("Tests/udi/biip_oracle.py")

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: python.path) }

    /// Runs the generator once; returns the day biip resolved two-digit years around, and the cases.
    static func run(seed: Int, count: Int) throws -> (today: LocalDate, cases: [Case]) {
        let process = Process()
        process.executableURL = python
        process.arguments = [script.path, String(seed), String(count)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OracleError("biip_oracle.py exited \(process.terminationStatus); is biip in .venv? (make venv)")
        }
        let lines = data.split(separator: UInt8(ascii: "\n"))
        guard let first = lines.first else { throw OracleError("biip_oracle.py printed nothing") }
        let header = try JSONDecoder().decode(Header.self, from: Data(first))
        guard let today = LocalDate(iso: header.today) else { throw OracleError("bad date \(header.today)") }
        let cases = try lines.dropFirst().map { try JSONDecoder().decode(Case.self, from: Data($0)) }
        return (today, cases)
    }

    struct OracleError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
