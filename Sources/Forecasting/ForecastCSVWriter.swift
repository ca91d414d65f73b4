import Foundation

/// Writes forecasts as CSV rows `unique_id,ds,model,mean,q50,q80,…`, one row per future period.
public enum ForecastCSVWriter {
    /// Column label of a quantile level (0.5 → `q50`, 0.975 → `q97.5`).
    public static func label(_ level: Double) -> String {
        let percent = level * 100
        return percent == percent.rounded() ? "q\(Int(percent))" : "q\(format(percent))"
    }

    /// CSV text for `forecasts`; `series` (matched by id) supplies future dates, else `ds` is the step number.
    public static func write(_ forecasts: [SeriesForecast], series: [TimeSeries]) -> String {
        let byID = Dictionary(series.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let levels = forecasts.first?.quantileLevels ?? []
        var out = "unique_id,ds,model,mean," + levels.map(label).joined(separator: ",") + "\n"
        for forecast in forecasts {
            let source = byID[forecast.seriesID]
            for step in forecast.mean.indices {
                let ds = source?.futureDate(step: step + 1)?.description ?? String(step + 1)
                var fields = [quote(forecast.seriesID), ds, forecast.model.rawValue, format(forecast.mean[step])]
                fields += forecast.quantiles[step].map(format)
                out += fields.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// Shortest plain rendering: integers without decimals, others with up to four.
    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func quote(_ field: String) -> String {
        field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
