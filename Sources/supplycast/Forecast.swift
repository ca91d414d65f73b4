import ArgumentParser
import Foundation
import Forecasting

extension SupplyCast {
    struct Forecast: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forecast consumption per site × item, review it, and override it.",
            discussion: """
                Each series is forecast by the model that wins a rolling-origin backtest: the driver regression on
                census and the booked OR schedule, exponential smoothing, or an intermittent-demand model; seasonal
                naive is the baseline every model must beat. Models/README.md describes each model.

                Examples:
                  supplycast forecast run --site NORTH
                  supplycast forecast list --site NORTH --sort volume --limit 20
                  supplycast forecast show --site NORTH --item IMP-0011
                  supplycast forecast override --site NORTH --item CON-0001 --factor 1.3 --until 2026-12-24 --reason "flu season"
                  supplycast forecast file --input series.csv --horizon 6 --season 12 --output forecasts.csv
                """,
            subcommands: [Run.self, File.self, List.self, Show.self, Accuracy.self, Override.self, Export.self])
    }
}

/// The forecasting configuration: `--config FILE`, else `Models/forecasting.json` when present, else defaults.
struct ForecastConfigOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Forecasting configuration JSON (default: Models/forecasting.json when present).", valueName: "file"))
    var config: String?

    func load() throws -> ForecastConfiguration {
        let path = config ?? (FileManager.default.fileExists(atPath: "Models/forecasting.json") ? "Models/forecasting.json" : nil)
        guard let path else { return ForecastConfiguration() }
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("cannot read configuration \(path)")
            throw ExitCode(ExitStatus.inputMissing)
        }
        do {
            let configuration = try JSONDecoder().decode(ForecastConfiguration.self, from: data)
            try configuration.validate()
            return configuration
        } catch {
            printError("\(path): \(Self.describe(error))")
            throw ExitCode(ExitStatus.inputRejected)
        }
    }

    /// A configuration error as a planner reads it: the setting's name and what is wrong with it.
    static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func setting(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch decoding {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            if let underlying = context.underlyingError { return "not valid JSON (\(underlying.localizedDescription))" }
            return context.debugDescription
        case .dataCorrupted(let context):
            return "\(setting(context.codingPath)): \(context.debugDescription)"
        case .typeMismatch(let type, let context):
            return "\(setting(context.codingPath)): expected \(type == String.self ? "text" : "\(type)".lowercased())"
        case .valueNotFound(_, let context):
            return "\(setting(context.codingPath)): must not be null"
        case .keyNotFound(let key, let context):
            return "\(setting(context.codingPath + [key])): is missing"
        @unknown default:
            return "\(error)"
        }
    }
}

/// Who is acting, for the record: `--actor`, else the login name.
func currentActor(_ explicit: String?) -> String {
    explicit ?? ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "cli"
}
