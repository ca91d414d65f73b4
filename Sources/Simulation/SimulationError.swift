/// Why a simulation could not go on.
public enum SimulationError: Error, Sendable, CustomStringConvertible {
    /// An event the simulation wrote was refused by SupplyCast's own validation: a bug in the simulation.
    case eventRejected(String)
    /// A site asked for is not in the demo network.
    case unknownSite(String, known: [String])
    case planningRunFailed(site: String, day: String, error: String)

    public var description: String {
        switch self {
        case .eventRejected(let reason):
            "SupplyCast rejected an event the simulation wrote: \(reason)"
        case .unknownSite(let site, let known):
            "site '\(site)' is not in the demo network; choose from \(known.joined(separator: ", "))"
        case .planningRunFailed(let site, let day, let error):
            "the planning run for \(site) on \(day) failed: \(error)"
        }
    }
}
