import Foundation
import Testing
@testable import Forecasting

@Suite struct DeterminismTests {
    @Test("same input and configuration give identical forecasts, serial or parallel")
    func identicalOutput() throws {
        let series = (0..<12).map { i in
            TimeSeries(id: "s\(i)", values: TestData.poisson(Double(i % 4) + 0.5, count: 200, seed: UInt64(i)))
        }
        let serial = try ForecastEngine.forecast(series: series, configuration: ForecastConfiguration(workers: 1))
        let parallel = try ForecastEngine.forecast(series: series, configuration: ForecastConfiguration(workers: 2))
        #expect(serial == parallel)
        #expect(serial[3].leadTimeDemandQuantile(days: 10, level: 0.95)
            == parallel[3].leadTimeDemandQuantile(days: 10, level: 0.95))
    }

    @Test("the configuration round-trips through JSON and missing keys take defaults")
    func configurationCodable() throws {
        let config = ForecastConfiguration(horizon: 14, selectionMetric: .combined, seed: 7)
        let data = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(ForecastConfiguration.self, from: data) == config)
        let partial = try JSONDecoder().decode(ForecastConfiguration.self, from: Data(#"{"horizon": 7}"#.utf8))
        #expect(partial.horizon == 7)
        #expect(partial.quantiles == ForecastConfiguration().quantiles)
    }

    @Test("progress is reported in order, about a hundred times, ending at the total; results are unchanged")
    func progress() throws {
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var reports: [(Int, Int)] = []
            func add(_ done: Int, _ total: Int) { lock.lock(); reports.append((done, total)); lock.unlock() }
        }
        let series = (0..<450).map { TimeSeries(id: "s\($0)", values: TestData.poisson(2, count: 60, seed: UInt64($0))) }
        let seen = Seen()
        let withProgress = try ForecastEngine.forecast(series: series, progress: seen.add)
        let without = try ForecastEngine.forecast(series: series)
        #expect(withProgress.map(\.mean) == without.map(\.mean))
        let done = seen.reports.map(\.0)
        #expect(done == done.sorted() && Set(done).count == done.count)
        #expect(seen.reports.last.map { $0 == (450, 450) } == true)
        #expect((50...101).contains(seen.reports.count), "\(seen.reports.count) reports")
    }

    @Test("a misspelt setting is an error naming it, never silently the default")
    func unknownSetting() {
        #expect {
            try JSONDecoder().decode(ForecastConfiguration.self, from: Data(#"{"horizon": 7, "ridgeLamda": 3}"#.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.debugDescription.contains("'ridgeLamda'") && context.debugDescription.contains("ridgeLambda")
        }
    }

    @Test("Models/forecasting.json holds exactly the default configuration")
    func shippedDefaults() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Models/forecasting.json").standardized
        let data = try Data(contentsOf: url)
        #expect(try JSONDecoder().decode(ForecastConfiguration.self, from: data) == ForecastConfiguration())
    }
}
