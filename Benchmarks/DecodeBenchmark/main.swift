import Crypto
import DemoNetwork
import Dispatch
import Foundation
import Interop
import SupplyDomain

// decode-benchmark: decode + fingerprint of the demo network's NDJSON (as `supplycast demo` writes it), the path
// before issue #10 (a fresh JSONDecoder, then a fresh sorted-keys JSONEncoder for the fingerprint) against today's
// (the single-pass reader and the canonical writer), on the same bytes, on one core and on all of them.
//
//   SUPPLYCAST_BENCHMARKS=1 swift build -c release --product decode-benchmark
//   decode-benchmark [--days N] [--ndjson PATH] [--repeat N] [--only old|foundation|new|whole|none] [--single-core]
//
// --ndjson PATH keeps the generated events in PATH (and reads them from there when it exists), so that runs
// under `valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured*'` count only decoding
// (`--only whole` times `EventDecoder.decode` of the whole body alone: count it against `--only none`).

struct Arguments {
    var days = 60
    var ndjson: String?
    var repeats = 3
    var only: String?
    var singleCoreOnly = false

    init(_ argv: [String]) {
        var index = 1
        func value() -> String {
            index += 1
            guard index < argv.count else { fatalError("missing value after \(argv[index - 1])") }
            return argv[index]
        }
        while index < argv.count {
            switch argv[index] {
            case "--days": days = Int(value()) ?? days
            case "--ndjson": ndjson = value()
            case "--repeat": repeats = max(1, Int(value()) ?? repeats)
            case "--only": only = value()
            case "--single-core": singleCoreOnly = true
            default: fatalError("unknown argument \(argv[index]); see the comment at the top of main.swift")
            }
            index += 1
        }
    }
}

let arguments = Arguments(CommandLine.arguments)

// MARK: - The bytes

/// The demo network's events as `supplycast demo` writes them (Demo.swift `writeEvents`): one sorted-keys,
/// unescaped-slashes JSON object per line.
func demoNDJSON(days: Int) throws -> Data {
    let events = DemoNetwork.generate(DemoParameters(historyDays: days)).events
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = Data()
    for event in events {
        data.append(try encoder.encode(event))
        data.append(0x0A)
    }
    return data
}

let body: Data
if let path = arguments.ndjson, let saved = FileManager.default.contents(atPath: path) {
    body = saved
} else {
    body = try demoNDJSON(days: arguments.days)
    if let path = arguments.ndjson { try body.write(to: URL(fileURLWithPath: path)) }
}
let records = body.split(separator: 0x0A).map { Data($0) }
let position = SourcePosition(origin: "bench", record: 0)

// MARK: - The paths

/// Before #10: what `EventDecoder.decodeRecord` and `EventFingerprint` did (the UDI check reduced to its parse).
func decodedTheOldWay(_ record: Data) -> String? {
    guard let event = try? JSONDecoder().decode(SupplyEvent.self, from: record) else { return nil }
    if case .usage(let usage) = event.body, let udi = usage.udi, (try? UDI.parse(udi)) == nil { return nil }
    guard (try? event.validate()) != nil else { return nil }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let canonical = try? encoder.encode(event) else { return nil }
    return SHA256.hash(data: canonical).hexString
}

func decoded(by decoder: EventDecoder, _ record: Data) -> String? {
    guard case .event(_, let fingerprint) = decoder.decodeRecord(record, at: position).outcome else { return nil }
    return fingerprint.contentHash
}

let paths: [(name: String, label: String, decode: @Sendable (Data) -> String?)] = [
    ("old", "before: JSONDecoder + JSONEncoder fingerprint", decodedTheOldWay),
    ("foundation", "JSONDecoder + canonical writer (the fallback)", { decoded(by: EventDecoder(readsInOnePass: false), $0) }),
    ("new", "single-pass reader + canonical writer", { decoded(by: EventDecoder(), $0) }),
]

// MARK: - Measuring

@inline(never)
func measuredSingleCore(_ decode: (Data) -> String?) -> Int {
    var decodedCount = 0
    for record in records where decode(record) != nil { decodedCount += 1 }
    return decodedCount
}

@inline(never)
func measuredAllCores(_ decode: @Sendable (Data) -> String?) -> Int {
    let chunkSize = 256
    let chunks = (records.count + chunkSize - 1) / chunkSize
    let counts = ParallelSlots<Int>(count: chunks)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        var decodedCount = 0
        for index in chunk * chunkSize..<min(records.count, (chunk + 1) * chunkSize) where decode(records[index]) != nil {
            decodedCount += 1
        }
        counts.store(decodedCount, at: chunk)
    }
    return counts.collect().reduce(0, +)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The best of `repeats` runs: on a shared machine the fastest run is the one least disturbed by others.
func best(_ run: () -> Int) -> (seconds: Double, decoded: Int) {
    var fastest = Double.infinity
    var decodedCount = 0
    for _ in 0..<arguments.repeats {
        let started = ContinuousClock.now
        decodedCount = run()
        fastest = min(fastest, seconds(ContinuousClock.now - started))
    }
    return (fastest, decodedCount)
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ")
        ?? "unknown"
}

print("\(records.count) events, \(body.count / 1_048_576) MiB of NDJSON; \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(loadAverage())")
if arguments.only == nil {
    let sample = records.prefix(20_000)
    let agreeing = sample.filter { decodedTheOldWay($0) != nil && decodedTheOldWay($0) == decoded(by: EventDecoder(), $0) }.count
    print("fingerprints, old path vs new: \(agreeing) of \(sample.count) sampled records agree")
}
for path in paths where arguments.only == nil || arguments.only == path.name {
    var line = path.label.padding(toLength: 48, withPad: " ", startingAt: 0)
    let single = best { measuredSingleCore(path.decode) }
    line += String(format: "  1 core: %9.0f events/s %6.2f µs/event", Double(records.count) / single.seconds,
                   single.seconds * 1e6 / Double(records.count))
    if !arguments.singleCoreOnly {
        let all = best { measuredAllCores(path.decode) }
        line += String(format: "  all cores: %9.0f events/s %6.2f µs/event", Double(records.count) / all.seconds,
                       all.seconds * 1e6 / Double(records.count))
    }
    if single.decoded != records.count { line += "  (\(records.count - single.decoded) not decoded)" }
    print(line)
}
if arguments.only == nil || arguments.only == "new" || arguments.only == "whole" {
    let whole = best { EventDecoder().decode(body, format: .ndjson, origin: "bench").count }
    print(String(format: "EventDecoder.decode of the whole body (lines split, all cores): %9.0f events/s %6.2f µs/event",
                 Double(records.count) / whole.seconds, whole.seconds * 1e6 / Double(records.count)))
}
print("load average after: \(loadAverage())")
