import DemoNetwork
import Forecasting
import SupplyDomain

/// What to simulate: the network and its warm history, how many days to run forward, and the settings SupplyCast
/// plans with.
public struct SimulationOptions: Sendable {
    /// The demo network and its history; `endDate` is the last day of history, the simulation starts the day after.
    public var network: DemoParameters
    /// Days to run forward.
    public var days: Int
    /// The sites to serve and plan (all when nil); the others' events are left out.
    public var sites: [String]?
    /// Requisitions worth more than this wait for a planner's approval the next morning.
    public var approvalThreshold: Double
    /// SupplyCast's forecasting configuration.
    public var forecast: ForecastConfiguration
    /// Where SupplyCast's database is written; a temporary file, removed at the end, when nil.
    public var databasePath: String?
    /// Days of true demand after the last simulated day, to judge the alerts of the last nights.
    public var lookaheadDays: Int
    /// Shelves emptied at the start (with their deliveries in flight), for what-ifs and tests.
    public var emptiedAtStart: [SiteItem]
    /// Keep the events the simulation appended to SupplyCast in the outcome (tests count them).
    public var keepEvents: Bool

    public init(network: DemoParameters = DemoParameters(), days: Int = 90, sites: [String]? = nil,
                approvalThreshold: Double = 5000, forecast: ForecastConfiguration = ForecastConfiguration(),
                databasePath: String? = nil, lookaheadDays: Int = 14, emptiedAtStart: [SiteItem] = [],
                keepEvents: Bool = false) {
        self.network = network
        self.days = days
        self.sites = sites
        self.approvalThreshold = approvalThreshold
        self.forecast = forecast
        self.databasePath = databasePath
        self.lookaheadDays = lookaheadDays
        self.emptiedAtStart = emptiedAtStart
        self.keepEvents = keepEvents
    }

    /// The first simulated day: the day after the end of history.
    public var firstDay: LocalDate { network.endDate.advanced(by: 1) }
    /// The last simulated day.
    public var lastDay: LocalDate { network.endDate.advanced(by: max(days, 1)) }

    /// The demand stream's parameters: the network's, carried on through the simulated days and the lookahead.
    public var streamParameters: DemoParameters {
        var parameters = network
        parameters.endDate = lastDay.advanced(by: max(lookaheadDays, 0))
        parameters.historyDays = network.historyDays + max(days, 1) + max(lookaheadDays, 0)
        return parameters
    }
}
