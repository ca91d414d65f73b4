import ArgumentParser
import Foundation
import Forecasting
import Planning
import Store
import SupplyDomain

extension SupplyCast.Forecast {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forecast every item of every site (or one) from the projections and store a versioned run.",
            discussion: "Example:\n  supplycast forecast run --site NORTH --as-of 2026-11-20")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var forecastConfig: ForecastConfigOptions
        @Option(help: "Site code (all sites when omitted).") var site: String?
        @Option(help: "Last day of history to use (default: the last day with usage).") var asOf: LocalDate?
        @Option(help: "Who runs it, for the record (default: $USER).") var actor: String?

        func run() throws {
            let store = try global.openStore()
            let configuration = try forecastConfig.load()
            let sites = try site.map { [$0] } ?? store.siteIds()
            guard !sites.isEmpty else {
                printError("no sites in master data; import sites first (supplycast import sites.csv)")
                throw ExitCode(ExitStatus.inputRejected)
            }
            var failed = false
            for site in sites {
                guard let day = try asOf ?? store.lastUsageDay(site: site) else {
                    printNote("\(site): no usage recorded yet, skipped")
                    continue
                }
                let started = Date()
                printNote("\(site): forecasting from history up to \(day)…")
                do {
                    let runId = try SiteForecaster(store: store, configuration: configuration)
                        .run(site: site, asOf: day, actor: currentActor(actor))
                    let series = try store.forecastSeries(runId: runId)
                    let models = Dictionary(grouping: series, by: \.model).mapValues(\.count)
                        .sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                    print("\(site): run \(runId), \(series.count) series in \(String(format: "%.1f", Date().timeIntervalSince(started))) s — \(models)")
                } catch {
                    printError("\(site): \(error)")
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
        }
    }

    struct File: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forecast a long-format CSV (unique_id,ds,y — the statsforecast layout) into a CSV of forecasts.",
            discussion: """
                Any regular frequency (daily, weekly, monthly, quarterly, yearly) is detected from ds. \
                Gaps and NA become 0 with a warning; duplicate dates, bad dates and non-numeric y are errors \
                naming row and column (exit 65). Series too short to backtest use the historic average, \
                all-zero series forecast zero; both are warned about on standard error.

                Output columns: unique_id,ds,model,mean,q50,q80,… (one row per future period). mean is the \
                expected demand; q50 is the point forecast for absolute-error use.

                Example:
                  supplycast forecast file --input ../shared/data/carparts.csv --horizon 6 --season 12 --output out.csv
                """)
        @OptionGroup var forecastConfig: ForecastConfigOptions
        @Option(help: "Input CSV with columns unique_id,ds,y.") var input: String
        @Option(help: "Periods to forecast.") var horizon: Int
        @Option(help: "Season length (7 for daily, 12 for monthly…); default from the frequency.") var season: Int?
        @Option(help: "Quantile levels, comma-separated (default 0.5,0.8,0.9,0.95,0.99).") var quantiles: String?
        @Option(help: "Output CSV ('-' for standard output).") var output: String = "-"

        func validate() throws {
            guard horizon > 0 else { throw ValidationError("--horizon must be at least 1") }
            if let season, season < 1 { throw ValidationError("--season must be at least 1") }
            if let quantiles {
                for part in quantiles.split(separator: ",") {
                    guard let level = Double(part.trimmingCharacters(in: .whitespaces)), level > 0, level < 1 else {
                        throw ValidationError("--quantiles takes levels between 0 and 1, e.g. 0.5,0.9,0.95; '\(part)' is not one")
                    }
                }
            }
        }

        func run() throws {
            guard let data = FileManager.default.contents(atPath: input) else {
                printError("cannot read \(input)")
                throw ExitCode(ExitStatus.inputMissing)
            }
            var configuration = try forecastConfig.load()
            configuration.horizon = horizon
            configuration.seasonLength = season
            configuration.candidates.removeAll { $0 == .driverRegression }
            if let quantiles {
                configuration.quantiles = quantiles.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.sorted()
            }
            let parsed: ParsedSeriesFile
            let forecasts: [SeriesForecast]
            do {
                parsed = try SeriesCSVReader.parse(String(decoding: data, as: UTF8.self))
                let started = Date()
                let reporter = ProgressReporter(label: "forecast \(parsed.series.count) series")
                forecasts = try ForecastEngine.forecast(series: parsed.series, configuration: configuration,
                                                        progress: parsed.series.count >= 1_000 ? reporter.update : nil)
                let read = Set(parsed.warnings.map(\.description))
                Self.report(parsed.warnings + forecasts.flatMap(\.warnings).filter { !read.contains($0.description) })
                printNote("\(forecasts.count) series (\(parsed.frequency.rawValue)) forecast in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
            } catch {
                printError("\(input): \(error)")
                throw ExitCode(ExitStatus.inputRejected)
            }
            let csv = ForecastCSVWriter.write(forecasts, series: parsed.series)
            if output == "-" {
                print(csv, terminator: "")
            } else {
                try Data(csv.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                printNote("wrote \(output)")
            }
        }

        /// Up to ten warnings of each kind on standard error, then a count of the rest of that kind.
        static func report(_ warnings: [ForecastWarning]) {
            var shown: [ForecastWarning.Kind: Int] = [:]
            for warning in warnings {
                shown[warning.kind, default: 0] += 1
                if shown[warning.kind]! <= 10 { printNote("warning: \(warning)") }
            }
            for (kind, count) in shown.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where count > 10 {
                printNote("… and \(count - 10) more \(kind.rawValue) warnings")
            }
        }
    }
}
