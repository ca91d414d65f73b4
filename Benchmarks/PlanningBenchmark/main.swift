import DemoNetwork
import Forecasting
import Foundation
import GRDB
import Planning
import Store
import SupplyCastTesting
import SupplyDomain

// A planning run, forecast included, over a network of SITES sites × ITEMS items × DAYS days of usage history.
//   SUPPLYCAST_BENCHMARKS=1 swift run -c release planning-benchmark [sites] [items] [days]
// Master data comes from the demo generator; the usage and census history are written straight into their
// projection tables (appending 25 million usage events first would measure ingest, not planning). Each site
// then gets one planning run, all sites triggered together as `supplycast plan run` does (as many at a time as
// there are cores), and the figures are wall time per site, in total, and the process's peak resident memory.

let arguments = CommandLine.arguments
let sites = arguments.count > 1 ? Int(arguments[1]) ?? 10 : 10
let items = arguments.count > 2 ? Int(arguments[2]) ?? 5000 : 5000
let days = arguments.count > 3 ? Int(arguments[3]) ?? 730 : 730

func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func elapsed(since start: Date) -> Double { Date().timeIntervalSince(start) }

print("planning benchmark: \(sites) sites × \(items) items × \(days) days")
let setupStart = Date()
let parameters = DemoParameters(seed: 7, sites: sites, consumables: items, implants: 0, pharmacyItems: 0, procedures: 4,
                                historyDays: 2, forwardScheduleDays: 0)
let dataset = DemoNetwork.generate(parameters)
let db = try TemporaryStore()
try db.importMasterData(of: dataset)
let asOf = parameters.endDate
let firstDay = asOf.advanced(by: -(days - 1))
let siteIds = try db.store.siteIds()
let itemIds = dataset.items.map(\.id)

// Demand per item: three in five smooth with a weekday pattern and a census effect, the rest intermittent.
var random = SplitMix64(seed: 7)
var usageRows = 0
try db.store.pool.write { database in
    let census = try database.makeStatement(sql: "INSERT INTO censusDay (site, day, admissions, discharges) VALUES (?, ?, ?, ?)")
    let usage = try database.makeStatement(sql: "INSERT INTO usageDay (site, item, day, quantity) VALUES (?, ?, ?, ?)")
    let stock = try database.makeStatement(sql: """
        INSERT INTO stockBalance (site, location, item, lot, serial, quantity) VALUES (?, ?, ?, '', '', ?)
        """)
    for site in siteIds {
        let location = try String.fetchOne(database, sql: "SELECT id FROM location WHERE site = ? LIMIT 1",
                                           arguments: [site]) ?? "MAIN"
        var beds = 200.0
        var bedsByDay: [Double] = []
        for offset in 0..<days {
            let day = firstDay.advanced(by: offset)
            let weekday = (day.dayNumber + 3) % 7
            let admissions = Int(30 + (weekday < 5 ? 10 : -10) + random.nextUniform() * 6)
            let discharges = Int((beds / 5).rounded())
            beds += Double(admissions - discharges)
            bedsByDay.append(beds)
            try census.execute(arguments: [site, day.dayNumber, admissions + (offset == 0 ? 200 : 0), discharges])
        }
        for item in itemIds {
            let smooth = random.nextUniform() < 0.6
            let level = smooth ? 1 + random.nextUniform() * 20 : 0.5 + random.nextUniform() * 3
            let probability = smooth ? 1.0 : 0.05 + random.nextUniform() * 0.2
            var total = 0.0
            for offset in 0..<days {
                guard random.nextUniform() < probability else { continue }
                let weekday = (firstDay.dayNumber + offset + 3) % 7
                let mean = level * (weekday < 5 ? 1.15 : 0.6) * (smooth ? bedsByDay[offset] / 200 : 1)
                let quantity = max(1, (mean + random.nextNormal() * sqrt(mean)).rounded())
                total += quantity
                try usage.execute(arguments: [site, item, firstDay.advanced(by: offset).dayNumber, quantity])
                usageRows += 1
            }
            try stock.execute(arguments: [site, location, item, (total / Double(days) * random.nextUniform() * 20).rounded()])
        }
    }
}
let setupSeconds = elapsed(since: setupStart)
print(String(format: "setup: %d usage rows for %d series in %.1f s (not part of the figure)",
             usageRows, siteIds.count * itemIds.count, setupSeconds))

let forecaster = SiteForecaster(store: db.store)
let planning = PlanningRun(store: db.store, forecaster: forecaster, settings: PlanningRunSettings(approvalThreshold: 5000))
let runStart = Date()
var lines = 0
var forecastSeconds = 0.0
for (site, outcome) in planning.run(sites: siteIds, asOf: { _ in asOf }, trigger: "benchmark", actor: "benchmark") {
    guard case .ran(let run) = outcome, run.status == .succeeded else {
        print("run for \(site) failed: \(outcome)")
        exit(1)
    }
    lines += run.linesRaised
    forecastSeconds += run.forecastSeconds ?? 0
    let seconds = (run.finishedAt ?? Date()).timeIntervalSince(run.startedAt)
    print(String(format: "  %@: %d items planned, %d lines in %d requisitions, %d alerts, %.2f s (forecast %.2f s)",
                 site, run.itemsPlanned, run.linesRaised, run.requisitionsRaised, run.alertsRaised, seconds,
                 run.forecastSeconds ?? 0))
}
let total = elapsed(since: runStart)
print(String(format: "RESULT\tplanning\tsites=%d\titems=%d\tdays=%d\ttotal_s=%.2f\tforecast_s=%.2f\tlines=%d\tpeak_rss_mib=%.0f",
             siteIds.count, itemIds.count, days, total, forecastSeconds, lines, peakResidentMiB()))
print(String(format: "planning run over %d sites × %d items × %d days: %.1f s (forecast %.1f s summed over sites), peak memory %.0f MiB",
             siteIds.count, itemIds.count, days, total, forecastSeconds, peakResidentMiB()))
