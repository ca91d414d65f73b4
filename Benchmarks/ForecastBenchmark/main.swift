import Dispatch
import Forecasting
import Foundation

// forecast-benchmark: accuracy on carparts (same split as Benchmarks/statsforecast) and speed on a
// synthetic 10 sites × 5,000 items × 730 days run.
//
//   forecast-benchmark [--carparts PATH [--windows N]] [--synthetic] [--sites N] [--items N] [--days N]
//                      [--series PATH] [--workers N] [--models] [--config forecasting.json]
//                      [--univariate-only] [--print-default-config]
//
// --windows N scores N successive 6-month holdouts on carparts (window w ends 6·w months before the data
// does), so one lucky split does not decide which model "wins".

struct Arguments {
    var carparts: String?
    var windows = 1
    var synthetic = false
    var sites = 10
    var items = 5000
    var days = 730
    var series: String?
    var forecastFile: String?
    var output: String?
    var horizon: Int?
    var season: Int?
    var using: ModelKind?
    var workers: Int?
    var perModel = false
    var univariateOnly = false
    var base = ForecastConfiguration()

    static let usage = """
        usage: forecast-benchmark [--carparts PATH [--windows N]] [--models] [--synthetic [--sites N] [--items N] [--days N] [--univariate-only]]
                                  [--series PATH] [--workers N] [--config forecasting.json] [--print-default-config]
                                  [--forecast-file PATH --horizon H [--season M] --output OUT.csv]
          --carparts PATH   accuracy on carparts, last 6 months held out (--windows N: N successive holdouts; --models: every model alone too)
          --synthetic       speed on sites × items × days of synthetic hospital demand (default 10 × 5000 × 730)
          --series PATH     time one long-format CSV (unique_id,ds,y)
          --forecast-file PATH  what `supplycast forecast file` does (driver regression off), timed; writes OUT.csv
                                (--using MODEL: that model alone, no selection)
        """

    init(_ argv: [String]) {
        var i = 1
        func value() -> String {
            i += 1
            guard i < argv.count else { fatalError("missing value after \(argv[i - 1])") }
            return argv[i]
        }
        while i < argv.count {
            switch argv[i] {
            case "--carparts": carparts = value()
            case "--windows": windows = max(1, Int(value()) ?? 1)
            case "--synthetic": synthetic = true
            case "--sites": sites = Int(value()) ?? sites
            case "--items": items = Int(value()) ?? items
            case "--days": days = Int(value()) ?? days
            case "--series": series = value()
            case "--forecast-file": forecastFile = value()
            case "--output": output = value()
            case "--horizon": horizon = Int(value())
            case "--season": season = Int(value())
            case "--using": using = ModelKind(rawValue: value())
            case "--workers": workers = Int(value())
            case "--models": perModel = true
            case "--univariate-only": univariateOnly = true
            case "--print-default-config":
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try! encoder.encode(ForecastConfiguration()), as: UTF8.self))
                exit(0)
            case "--config":
                let path = value()
                guard let data = FileManager.default.contents(atPath: path),
                      let decoded = try? JSONDecoder().decode(ForecastConfiguration.self, from: data) else {
                    fatalError("cannot read configuration \(path)")
                }
                base = decoded
            case "-h", "--help":
                print(Self.usage)
                exit(0)
            default:
                FileHandle.standardError.write(Data("forecast-benchmark: unknown argument \(argv[i])\n\(Self.usage)\n".utf8))
                exit(64)
            }
            i += 1
        }
    }
}

func seconds(_ start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
}

func number(_ x: Double, _ decimals: Int = 3) -> String {
    String(format: "%.\(decimals)f", x)
}

/// Hold-out accuracy of forecasts against the last `horizon` values, scaled by the training series'
/// mean absolute first difference (the carparts README convention).
struct HoldoutScore {
    var mase = 0.0
    var medianMase = 0.0
    var rmsse = 0.0
    var pinball = 0.0
    var coverage = 0.0
    var count = 0
    var zeroScale = 0

    mutating func add(forecast: SeriesForecast, training: [Double], actual: [Double], reportedLevels: [Double]) {
        var absDiff = 0.0
        var sqDiff = 0.0
        for t in 1..<training.count {
            let d = training[t] - training[t - 1]
            absDiff += abs(d)
            sqDiff += d * d
        }
        let scale = absDiff / Double(training.count - 1)
        let sqScale = (sqDiff / Double(training.count - 1)).squareRoot()
        guard scale > 0 else {
            zeroScale += 1
            return
        }
        let levels = forecast.quantileLevels
        let lo = levels.firstIndex(of: 0.025)!
        let hi = levels.firstIndex(of: 0.975)!
        var ae = 0.0
        var medianAE = 0.0
        let median = levels.firstIndex(of: 0.5)!
        var se = 0.0
        var pl = 0.0
        var covered = 0.0
        for h in actual.indices {
            let e = actual[h] - forecast.mean[h]
            ae += abs(e)
            medianAE += abs(actual[h] - forecast.quantiles[h][median])
            se += e * e
            for (i, level) in levels.enumerated() where reportedLevels.contains(level) {
                let q = forecast.quantiles[h][i]
                pl += actual[h] >= q ? level * (actual[h] - q) : (1 - level) * (q - actual[h])
            }
            if actual[h] >= forecast.quantiles[h][lo] && actual[h] <= forecast.quantiles[h][hi] { covered += 1 }
        }
        let n = Double(actual.count)
        mase += ae / n / scale
        medianMase += medianAE / n / scale
        rmsse += (se / n).squareRoot() / sqScale
        pinball += pl / (n * Double(reportedLevels.count)) / scale
        coverage += covered / n
        count += 1
    }

    var row: String {
        let n = Double(max(count, 1))
        return "\(number(mase / n))  \(number(rmsse / n))  \(number(pinball / n))  \(number(coverage / n))  \(number(medianMase / n))"
    }
}

func carparts(path: String, windows: Int, base: ForecastConfiguration, workers: Int?, perModel: Bool) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let parseStart = DispatchTime.now()
    let parsed = try SeriesCSVReader.parse(text)
    let parseTime = seconds(parseStart)
    let horizon = 6
    let reported = [0.5, 0.8, 0.9, 0.95, 0.99]
    var config = base
    config.horizon = horizon
    config.quantiles = reported + [0.025, 0.975]
    config.leadTimeHorizon = horizon
    config.workers = workers
    print("carparts: \(parsed.series.count) series (\(parsed.frequency.rawValue)); parse \(number(parseTime, 2)) s")
    for window in 0..<windows {
        let cut = window * horizon
        let eligible = parsed.series.filter { $0.values.count - cut - horizon >= 24 }
        let training = eligible.map {
            TimeSeries(id: $0.id, values: Array($0.values.dropLast(cut + horizon)), frequency: $0.frequency, start: $0.start)
        }
        let actuals = eligible.map { Array($0.values.dropLast(cut).suffix(horizon)) }
        print("window \(window) (holdout ends \(cut) months before the data): \(eligible.count) series with >= 24 training months")
        print("\(pad("model", 22)) MASE   RMSSE  pinball cov95  MASE(q50) time_s")
        func report(_ name: String, _ forecasts: [SeriesForecast], _ time: Double) {
            var score = HoldoutScore()
            for (i, f) in forecasts.enumerated() {
                score.add(forecast: f, training: training[i].values, actual: actuals[i], reportedLevels: reported)
            }
            print("\(pad(name, 22)) \(score.row)  \(number(time, 2))" + (score.zeroScale > 0 ? "  (\(score.zeroScale) zero-scale skipped)" : ""))
            print("RESULT\tsupplycast\t\(name)\t\(window)\t" + score.row.split(separator: " ", omittingEmptySubsequences: true)
                .joined(separator: "\t") + "\t\(number(time, 2))")
        }
        let start = DispatchTime.now()
        let selected = try ForecastEngine.forecast(series: training, configuration: config)
        report("SupplyCast (selected)", selected, seconds(start))
        var chosen: [String: Int] = [:]
        for f in selected { chosen[f.model.rawValue, default: 0] += 1 }
        print("  chosen: " + chosen.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        if perModel {
            for model in ModelKind.univariate where model != .historicAverage {
                let t0 = DispatchTime.now()
                let forecasts = try ForecastEngine.forecast(series: training, using: model, configuration: config)
                report(model.rawValue, forecasts, seconds(t0))
            }
        }
    }
}

/// Deterministic hospital-like demand: weekday-shaped Poisson usage, sparse items, procedure-driven items.
func syntheticSite(_ site: Int, items: Int, days: Int, horizon: Int) -> (series: [TimeSeries], drivers: SiteDrivers) {
    var rng = SplitMix64(seed: UInt64(1000 + site))
    let total = days + horizon
    let weekdayShape: [Double] = [1.15, 1.1, 1.1, 1.05, 1.0, 0.8, 0.8]
    var census: [Double] = []
    var level = 180.0 + Double(site) * 20
    for t in 0..<total {
        level += 0.05 * (200 - level) + 3 * rng.nextNormal()
        census.append((level * weekdayShape[t % 7]).rounded())
    }
    let procedureTypes = ["ortho", "cardiac", "general"]
    let procedures = procedureTypes.map { _ in
        (0..<total).map { t in t % 7 >= 5 ? Double(rng.nextPoisson(mean: 1)) : Double(rng.nextPoisson(mean: 8)) }
    }
    let start = DateStamp(year: 2023, month: 1, day: 2)!
    var series: [TimeSeries] = []
    series.reserveCapacity(items)
    for item in 0..<items {
        let kind = item % 10
        var values = [Double](repeating: 0, count: days)
        if kind < 4 {
            let base = 0.5 + Double(item % 37)
            for t in 0..<days { values[t] = Double(rng.nextPoisson(mean: base * weekdayShape[t % 7])) }
        } else if kind < 7 {
            let rate = 0.02 + 0.05 * Double(item % 9)
            for t in 0..<days { values[t] = Double(rng.nextPoisson(mean: rate)) }
        } else if kind < 9 {
            let p = procedures[item % 3]
            let perCase = 1 + Double(item % 5)
            for t in 0..<days {
                values[t] = Double(rng.nextPoisson(mean: perCase * p[t] + 0.02 * census[t]))
            }
        } else {
            let base = 5 + Double(item % 13)
            for t in 0..<days {
                values[t] = Double(rng.nextPoisson(mean: max(0.1, base + 0.01 * Double(t))))
            }
        }
        series.append(TimeSeries(id: "site\(site)-item\(item)", values: values, frequency: .daily, start: start))
    }
    let drivers = SiteDrivers(names: ["census"] + procedureTypes.map { "procedures.\($0)" },
                              history: [Array(census[..<days])] + procedures.map { Array($0[..<days]) },
                              future: [Array(census[days...])] + procedures.map { Array($0[days...]) },
                              firstWeekday: start.isoWeekday)
    return (series, drivers)
}

func synthetic(sites: Int, items: Int, days: Int, base: ForecastConfiguration, workers: Int?,
               univariateOnly: Bool) throws {
    var config = base
    config.workers = workers
    let genStart = DispatchTime.now()
    let data = (0..<sites).map { syntheticSite($0, items: items, days: days, horizon: config.horizon) }
    let all = data.flatMap(\.series)
    print("synthetic: \(sites) sites × \(items) items × \(days) days = \(all.count) series, generated in \(number(seconds(genStart), 2)) s")
    let start = DispatchTime.now()
    let forecasts = try ForecastEngine.forecast(series: all, configuration: config)
    let univariateTime = seconds(start)
    var chosen: [String: Int] = [:]
    var mase = 0.0
    var coverage = 0.0
    var pinball = 0.0
    var rmsse = 0.0
    var scored = 0
    for f in forecasts {
        chosen[f.model.rawValue, default: 0] += 1
        if let s = f.chosenScore {
            mase += s.metrics.mase
            rmsse += s.metrics.rmsse
            pinball += s.metrics.scaledPinball
            coverage += s.metrics.coverage95
            scored += 1
        }
    }
    let n = Double(max(scored, 1))
    print("univariate fit + 3-origin backtest selection + 28-day forecast + quantiles: \(number(univariateTime, 2)) s")
    print("  chosen-model backtest: MASE \(number(mase / n)) RMSSE \(number(rmsse / n)) pinball \(number(pinball / n)) cov95 \(number(coverage / n))")
    print("  chosen: " + chosen.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))

    if univariateOnly { return }
    let siteStart = DispatchTime.now()
    var driverChosen = 0
    for site in data {
        let result = try ForecastEngine.forecastSite(items: site.series, drivers: site.drivers, configuration: config)
        driverChosen += result.items.filter { $0.model == .driverRegression }.count
    }
    print("site mode (univariate + multi-output driver regression, all sites): \(number(seconds(siteStart), 2)) s; driver regression chosen for \(driverChosen) items")

    let leadStart = DispatchTime.now()
    let sample = Array(forecasts.prefix(1000))
    var total = 0.0
    for f in sample { total += f.leadTimeDemandQuantile(days: 21, level: 0.95) }
    print("lead-time (21 days, q0.95, \(config.simulationPaths) paths) for 1000 series: \(number(seconds(leadStart), 2)) s (checksum \(Int(total)))")
}

func seriesFile(path: String, workers: Int?) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let start = DispatchTime.now()
    let parsed = try SeriesCSVReader.parse(text)
    let forecasts = try ForecastEngine.forecast(series: parsed.series, configuration: ForecastConfiguration(workers: workers))
    var mase = 0.0
    var coverage = 0.0
    var scored = 0
    for f in forecasts {
        if let s = f.chosenScore {
            mase += s.metrics.mase
            coverage += s.metrics.coverage95
            scored += 1
        }
    }
    let n = Double(max(scored, 1))
    print("series file \(path): \(parsed.series.count) series (\(parsed.frequency.rawValue)), \(parsed.warnings.count) warnings, \(number(seconds(start), 2)) s")
    print("  chosen-model backtest: MASE \(number(mase / n)) cov95 \(number(coverage / n))")
}

/// The path `supplycast forecast file` takes (same configuration handling, driver regression off), timed
/// around the engine only, with the forecasts written as the command writes them.
func forecastFile(path: String, horizon: Int, season: Int?, output: String, base: ForecastConfiguration,
                  workers: Int?, using model: ModelKind?) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let parsed = try SeriesCSVReader.parse(text)
    var config = base
    config.horizon = horizon
    config.seasonLength = season
    config.workers = workers
    config.candidates.removeAll { $0 == .driverRegression }
    let start = DispatchTime.now()
    let forecasts = try model.map { try ForecastEngine.forecast(series: parsed.series, using: $0, configuration: config) }
        ?? ForecastEngine.forecast(series: parsed.series, configuration: config)
    let elapsed = seconds(start)
    try Data(ForecastCSVWriter.write(forecasts, series: parsed.series).utf8).write(to: URL(fileURLWithPath: output))
    var chosen: [String: Int] = [:]
    for f in forecasts { chosen[f.model.rawValue, default: 0] += 1 }
    print("forecast file \(path): \(forecasts.count) series forecast in \(number(elapsed, 2)) s")
    print("  chosen: " + chosen.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    print("TIME\t\(number(elapsed, 2))")
}

let arguments = Arguments(CommandLine.arguments)
// Series-level parallelism owns the cores; OpenBLAS's own pool would only spin beside it.
BLASThreading.setThreadCount(1)
do {
    if let path = arguments.carparts { try carparts(path: path, windows: arguments.windows, base: arguments.base, workers: arguments.workers, perModel: arguments.perModel) }
    if arguments.synthetic {
        try synthetic(sites: arguments.sites, items: arguments.items, days: arguments.days, base: arguments.base,
                      workers: arguments.workers, univariateOnly: arguments.univariateOnly)
    }
    if let path = arguments.series { try seriesFile(path: path, workers: arguments.workers) }
    if let path = arguments.forecastFile {
        guard let horizon = arguments.horizon, let output = arguments.output else {
            fatalError("--forecast-file needs --horizon and --output")
        }
        try forecastFile(path: path, horizon: horizon, season: arguments.season, output: output,
                         base: arguments.base, workers: arguments.workers, using: arguments.using)
    }
} catch {
    FileHandle.standardError.write(Data("forecast-benchmark: \(error)\n".utf8))
    exit(1)
}
