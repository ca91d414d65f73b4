import Dispatch
import Foundation
import Synchronization

/// A site's demand with the lead-time quantiles a run will ask for worked out up front, on every core.
///
/// Simulating lead-time sums is the costly part of a decision; computing them before the run's write transaction
/// keeps that transaction short and lets the simulations run in parallel. Anything not precomputed is asked of
/// the underlying demand.
struct PrecomputedDemand: PlanningRunDemand {
    struct Question: Hashable, Sendable {
        var item: String
        var days: Int
        var level: Double
    }

    let base: any PlanningRunDemand
    let answers: [Question: Double]

    init(_ base: any PlanningRunDemand, questions: [Question]) {
        self.base = base
        let results = Mutex<[Question: Double]>([:])
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunk = max(1, questions.count / (workers * 8))
        let chunks = (questions.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            var local: [Question: Double] = [:]
            for question in questions[(index * chunk)..<min(questions.count, (index + 1) * chunk)] {
                local[question] = base.leadTimeDemand(item: question.item, days: question.days, level: question.level)
            }
            results.withLock { $0.merge(local) { first, _ in first } }
        }
        answers = results.withLock { $0 }
    }

    var itemIds: [String] { base.itemIds }

    func leadTimeDemand(item: String, days: Int, level: Double) -> Double {
        answers[Question(item: item, days: days, level: level)]
            ?? base.leadTimeDemand(item: item, days: days, level: level)
    }

    func dailyMean(item: String) -> [Double] { base.dailyMean(item: item) }
}
