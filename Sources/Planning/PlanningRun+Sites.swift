import Dispatch
import Foundation
import Store
import Synchronization
import SupplyDomain

extension PlanningRun {
    /// What became of one site in a multi-site run: its record, or why it could not start.
    public enum SiteOutcome: Sendable {
        case ran(PlanningRunRecord)
        case skipped(reason: String)
        case failed(any Error)
    }

    /// Runs planning for several sites, as many at a time as there are cores: one site's database reads and
    /// decisions overlap another's forecast. Each site is still one run with its own record, and one run per
    /// site at a time holds as ever. Outcomes come back in the order of `sites`.
    public func run(sites: [String], asOf: @Sendable (String) throws -> LocalDate?, trigger: String, actor: String)
        -> [(site: String, outcome: SiteOutcome)]
    {
        let outcomes = Mutex<[Int: SiteOutcome]>([:])
        DispatchQueue.concurrentPerform(iterations: sites.count) { index in
            let site = sites[index]
            let outcome: SiteOutcome
            do {
                if let day = try asOf(site) {
                    outcome = .ran(try run(site: site, asOf: day, trigger: trigger, actor: actor))
                } else {
                    outcome = .skipped(reason: "no usage recorded yet")
                }
            } catch {
                outcome = .failed(error)
            }
            outcomes.withLock { $0[index] = outcome }
        }
        let collected = outcomes.withLock { $0 }
        return sites.indices.map { (sites[$0], collected[$0]!) }
    }
}
