import Foundation
import Planning
import Store
import SupplyCastTesting
import SupplyDomain

/// Demand a test can compute by hand: the quantile over `days` is `quantilePerDay × days`, the mean `meanPerDay`.
struct FixedDemand: PlanningRunDemand {
    var quantilePerDay = 2.0
    var meanPerDay = 1.5
    var itemIds: [String] { ["GLOVE-M", "HIP-STEM"] }

    func leadTimeDemand(item: String, days: Int, level: Double) -> Double { quantilePerDay * Double(days) }
    func dailyMean(item: String) -> [Double] { Array(repeating: meanPerDay, count: 60) }
}

/// The standard network with 5 gloves on hand and one hip case on 10 Nov, planned as of 8 Nov.
enum PlanningFixture {
    static let asOf = LocalDate(iso: "2026-11-08")!

    static func store() throws -> TemporaryStore {
        let test = try TemporaryStore().withStandardMasterData()
        try test.append(ndjson: [
            ReservationTests.receipt("r1", item: "GLOVE-M", quantity: 5),
            EventLine.caseEvent(id: "c1", "scheduled", caseId: "C1", at: "2026-11-02T09:00:00+01:00",
                                scheduledFor: "2026-11-10T08:00:00+01:00"),
        ])
        return test
    }

    static func planning(_ store: SupplyStore, demand: FixedDemand = FixedDemand()) -> PlanningRun {
        PlanningRun(store: store, settings: PlanningRunSettings(approvalThreshold: 5000)) { _, _ in demand }
    }
}
