import Foundation
import Interop
import SupplyDomain
import Testing

/// The GS1 reader against the Python `biip` library on thousands of generated scans (fixed seed): bracketed and
/// raw, with and without symbology identifiers, valid and corrupted.
@Suite(.enabled(if: BiipOracle.isAvailable, "needs .venv with biip: run `make venv`"))
struct UDIOracleTests {
    static let seed = 2026
    static let count = 5_000

    /// What the Swift reader says, in the oracle's terms.
    static func reading(_ scan: String, today: LocalDate) -> (BiipOracle.Reading, UDI.ParseFailure?) {
        do {
            let udi = try UDI.parse(scan, scannedOn: today)
            return (BiipOracle.Reading(
                gtin: udi.gtin, lot: udi.lot, serial: udi.serial, expiry: udi.expiry?.description,
                expiryTime: udi.expiryTime?.description, productionDate: udi.productionDate?.description,
                quantity: udi.quantity, additionalProductId: udi.additionalProductId), nil)
        } catch {
            return (BiipOracle.Reading(refused: error.reason), error)
        }
    }

    @Test("generated scans: the same GTIN, lot, serial, dates, count and id as biip, or both refuse; where biip reads a lot that swallowed the next field, the reader refuses it as a dropped separator")
    func agreesWithBiip() throws {
        let (today, cases) = try BiipOracle.run(seed: Self.seed, count: Self.count)
        var agreed = 0
        var stricterOnDroppedSeparator = 0
        var stricterOnValidScan: [String] = []
        var disagreements: [String] = []
        var swallowed: [String] = []
        for oracleCase in cases {
            let (swift, failure) = Self.reading(oracleCase.scan, today: today)
            let biip = oracleCase.biip
            let bothRefused = swift.refused != nil && biip.refused != nil
            if bothRefused || swift == biip {
                agreed += 1
            } else if failure?.kind == .separatorDropped && biip.refused == nil {
                if oracleCase.corruption == "dropped_separator" {
                    stricterOnDroppedSeparator += 1
                } else {
                    stricterOnValidScan.append("\(oracleCase.scan.debugDescription): \(failure!.reason)")
                }
            } else {
                disagreements.append("\(oracleCase.scan.debugDescription) [\(oracleCase.corruption ?? "valid")]\n"
                    + "  swift: \(swift)\n  biip:  \(biip)")
            }
            // Where a separator was dropped, a reading the reader accepts must be the truth, never a swallowed lot.
            if oracleCase.corruption == "dropped_separator", swift.refused == nil,
               swift.lot != oracleCase.truth["10"] || swift.serial != oracleCase.truth["21"]
                || swift.additionalProductId != oracleCase.truth["240"] {
                swallowed.append("\(oracleCase.scan.debugDescription): \(swift)")
            }
        }
        print("UDI oracle: \(cases.count) scans (seed \(Self.seed), biip today \(today)): \(agreed) agree, "
            + "\(stricterOnDroppedSeparator) dropped separators refused that biip read as a longer field, "
            + "\(stricterOnValidScan.count) well-formed scans refused as ambiguous, \(disagreements.count) disagree")
        #expect(cases.count == Self.count)
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).joined(separator: "\n"))")
        #expect(swallowed.isEmpty, "\(swallowed.prefix(10).joined(separator: "\n"))")
        let valid = cases.filter { $0.corruption == nil }.count
        let refusedValid = stricterOnValidScan.prefix(10).joined(separator: "\n")
        #expect(stricterOnValidScan.count * 100 <= valid, "over 1% of well-formed scans refused as ambiguous: \(refusedValid)")
    }
}
