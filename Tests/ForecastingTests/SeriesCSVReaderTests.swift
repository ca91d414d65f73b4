import Foundation
import Testing
@testable import Forecasting

@Suite struct SeriesCSVReaderTests {
    @Test("daily data with a missing date is filled with zero and warned about")
    func gapFilled() throws {
        let csv = "unique_id,ds,y\na,2024-01-01,3\na,2024-01-02,4\na,2024-01-04,5\n"
        let parsed = try SeriesCSVReader.parse(csv)
        #expect(parsed.frequency == .daily)
        #expect(parsed.series[0].values == [3, 4, 0, 5])
        #expect(parsed.warnings.map(\.kind) == [.gapsFilled])
        #expect(parsed.warnings[0].message.contains("2024-01-03"))
    }

    @Test("monthly, quarterly and weekly frequencies are detected from ds")
    func frequencies() throws {
        let monthly = try SeriesCSVReader.parse("unique_id,ds,y\nm,1998-01-01,1\nm,1998-02-01,2\nm,1998-03-01,0\n")
        #expect(monthly.frequency == .monthly)
        #expect(monthly.series[0].futureDate(step: 1)?.description == "1998-04-01")
        let quarterly = try SeriesCSVReader.parse("unique_id,ds,y\nq,2020-01-01,1\nq,2020-04-01,2\n")
        #expect(quarterly.frequency == .quarterly)
        let weekly = try SeriesCSVReader.parse("unique_id,ds,y\nw,2024-01-01 00:00:00,1\nw,2024-01-08 00:00:00,2\n")
        #expect(weekly.frequency == .weekly)
        #expect(weekly.series[0].futureDate(step: 1)?.description == "2024-01-15 00:00:00")
    }

    @Test("a spreadsheet export: byte-order mark, CRLF line ends, quoted fields and extra columns")
    func spreadsheetExport() throws {
        let csv = "\u{FEFF}unique_id,ds,y,price\r\n\"knee, left\",2024-01-01,3,9.5\r\n\"knee, left\",2024-01-02,4,9.5\r\n"
        let parsed = try SeriesCSVReader.parse(csv)
        #expect(parsed.series.map(\.id) == ["knee, left"])
        #expect(parsed.series[0].values == [3, 4])
    }

    @Test("a non-numeric y names its row and column")
    func nonNumeric() {
        let csv = "unique_id,ds,y\na,2024-01-01,3\na,2024-01-02,lots\n"
        #expect(throws: ForecastError.invalidValue(row: 3, column: "y", value: "lots", reason: "is not a number")) {
            try SeriesCSVReader.parse(csv)
        }
        let message = String(describing: ForecastError.invalidValue(row: 3, column: "y", value: "lots", reason: "is not a number"))
        #expect(message.contains("row 3, column y"))
    }

    @Test("a bad date names its row and the ds column")
    func badDate() {
        #expect(throws: ForecastError.self) { try SeriesCSVReader.parse("unique_id,ds,y\na,2024-13-01,3\n") }
        do {
            _ = try SeriesCSVReader.parse("unique_id,ds,y\na,2024-01-01,1\na,01/02/2024,3\n")
        } catch {
            #expect(error.description.contains("row 3, column ds"))
        }
    }

    @Test("duplicate (unique_id, ds) is an error naming the second row")
    func duplicates() {
        let csv = "unique_id,ds,y\na,2024-01-01,3\nb,2024-01-01,1\na,2024-01-01,4\n"
        #expect(throws: ForecastError.duplicateDate(row: 4, seriesID: "a", date: "2024-01-01")) {
            try SeriesCSVReader.parse(csv)
        }
    }

    @Test("unsorted rows are sorted with a warning")
    func unsorted() throws {
        let parsed = try SeriesCSVReader.parse("unique_id,ds,y\na,2024-01-03,3\na,2024-01-01,1\na,2024-01-02,2\n")
        #expect(parsed.series[0].values == [1, 2, 3])
        #expect(parsed.warnings.map(\.kind) == [.unsortedInput])
    }

    @Test("missing header column is reported by name")
    func missingColumn() {
        #expect(throws: ForecastError.missingColumn(name: "y")) { try SeriesCSVReader.parse("unique_id,ds,value\na,2024-01-01,1\n") }
    }

    @Test("short series fall back to a simple model with a warning")
    func shortSeries() throws {
        let parsed = try SeriesCSVReader.parse("unique_id,ds,y\na,2024-01-01,3\na,2024-01-02,4\na,2024-01-03,5\n")
        let forecast = try ForecastEngine.forecast(series: parsed.series)[0]
        #expect(forecast.model == .historicAverage)
        #expect(forecast.mean.allSatisfy { $0 == 4 })
        #expect(forecast.warnings.contains { $0.kind == .shortSeries })
    }

    @Test("all-zero series forecast zero with flat zero quantiles")
    func allZero() throws {
        let values = [Double](repeating: 0, count: 100)
        let forecast = try ForecastEngine.forecast(series: [TimeSeries(id: "z", values: values)])[0]
        #expect(forecast.mean.allSatisfy { $0 == 0 })
        #expect(forecast.quantiles.allSatisfy { $0.allSatisfy { $0 == 0 } })
        #expect(forecast.leadTimeDemandQuantile(days: 14, level: 0.99) == 0)
        #expect(forecast.warnings.contains { $0.kind == .allZero })
    }

    @Test("the writer emits one row per future date with quantile columns")
    func writer() throws {
        let csv = "unique_id,ds,y\n" + (1...60).map { "a,2024-01-\(String(format: "%02d", ($0 - 1) % 31 + 1)),\($0 % 5)" }
            .prefix(31).joined(separator: "\n")
        let parsed = try SeriesCSVReader.parse(csv)
        let config = ForecastConfiguration(horizon: 3, quantiles: [0.5, 0.975])
        let forecasts = try ForecastEngine.forecast(series: parsed.series, configuration: config)
        let text = ForecastCSVWriter.write(forecasts, series: parsed.series)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "unique_id,ds,model,mean,q50,q97.5")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("a,2024-02-01,"))
        #expect(lines[3].hasPrefix("a,2024-02-03,"))
    }
}
