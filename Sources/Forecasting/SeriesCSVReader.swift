/// Reads long-format CSV text `unique_id,ds,y` (statsforecast's layout) into regular series.
///
/// Rules: the header must name `unique_id`, `ds` and `y` (any order, extra columns ignored); `ds` is
/// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`; the frequency (daily, weekly, monthly, quarterly, yearly) is
/// detected from the smallest step between dates. Unsorted rows are sorted (warning). Missing dates inside
/// a series and empty/`NA` values are treated as zero demand (warning `gapsFilled`), which is the right
/// reading for usage counts where no record means no use. Duplicate (unique_id, ds) pairs, unparseable
/// dates, non-numeric `y` and dates off the regular grid are errors naming the row and column.
public enum SeriesCSVReader {
    /// Parses CSV text; `frequency` forces a frequency instead of detecting it.
    public static func parse(_ text: String, frequency forced: Frequency? = nil) throws(ForecastError) -> ParsedSeriesFile {
        // Spreadsheet exports ("CSV UTF-8") start with a byte-order mark; it is not part of the first column's name.
        let body = text.hasPrefix("\u{FEFF}") ? Substring(text.dropFirst()) : Substring(text)
        var lines = body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\r" }) { lines.removeLast() }
        guard let headerLine = lines.first else { throw .emptyInput }
        let header = fields(headerLine).map { $0.lowercased() }
        guard let idColumn = header.firstIndex(of: "unique_id") else { throw .missingColumn(name: "unique_id") }
        guard let dsColumn = header.firstIndex(of: "ds") else { throw .missingColumn(name: "ds") }
        guard let yColumn = header.firstIndex(of: "y") else { throw .missingColumn(name: "y") }
        let needed = max(idColumn, dsColumn, yColumn)

        struct Row { var date: DateStamp; var value: Double?; var line: Int }
        var order: [String] = []
        var rowsByID: [String: [Row]] = [:]
        for (offset, line) in lines.enumerated().dropFirst() {
            let lineNumber = offset + 1
            if line.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
            let cells = fields(line)
            guard cells.count > needed else {
                throw .invalidValue(row: lineNumber, column: "y", value: String(line),
                                    reason: "has \(cells.count) columns, header has \(header.count)")
            }
            let id = cells[idColumn]
            guard !id.isEmpty else {
                throw .invalidValue(row: lineNumber, column: "unique_id", value: "", reason: "is empty")
            }
            guard let date = DateStamp(parsing: Substring(cells[dsColumn])) else {
                throw .invalidValue(row: lineNumber, column: "ds", value: cells[dsColumn],
                                    reason: "is not a date (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)")
            }
            let raw = cells[yColumn]
            var value: Double?
            if !(raw.isEmpty || raw == "NA" || raw == "nan" || raw == "NaN" || raw == "null") {
                guard let parsed = Double(raw), parsed.isFinite else {
                    throw .invalidValue(row: lineNumber, column: "y", value: raw, reason: "is not a number")
                }
                value = parsed
            }
            if rowsByID[id] == nil {
                order.append(id)
                rowsByID[id] = []
            }
            rowsByID[id]!.append(Row(date: date, value: value, line: lineNumber))
        }
        guard !order.isEmpty else { throw .emptyInput }

        var warnings: [ForecastWarning] = []
        var sortedRows: [String: [Row]] = [:]
        var smallestStep = Int.max
        var smallestStepRow = (line: 0, id: "", date: "")
        for id in order {
            var rows = rowsByID[id]!
            if zip(rows, rows.dropFirst()).contains(where: { $0.date > $1.date }) {
                warnings.append(ForecastWarning(kind: .unsortedInput, seriesID: id,
                                                message: "rows were not in date order and were sorted"))
                rows.sort { ($0.date, $0.line) < ($1.date, $1.line) }
            }
            for (a, b) in zip(rows, rows.dropFirst()) {
                if a.date == b.date {
                    throw .duplicateDate(row: max(a.line, b.line), seriesID: id, date: b.date.description)
                }
                let step = b.date.daysSinceEpoch - a.date.daysSinceEpoch
                if step == 0 {
                    throw .irregularDates(row: b.line, seriesID: id, date: b.date.description,
                                          reason: "repeats a day at another time; sub-daily data are not supported")
                }
                if step < smallestStep {
                    smallestStep = step
                    smallestStepRow = (b.line, id, b.date.description)
                }
            }
            sortedRows[id] = rows
        }
        let frequency: Frequency
        if let forced {
            frequency = forced
        } else {
            switch smallestStep {
            case 1: frequency = .daily
            case 7: frequency = .weekly
            case 28...31: frequency = .monthly
            case 89...92: frequency = .quarterly
            case 365...366: frequency = .yearly
            case Int.max: frequency = .daily
            default:
                throw .irregularDates(row: smallestStepRow.line, seriesID: smallestStepRow.id, date: smallestStepRow.date,
                                      reason: "is \(smallestStep) days after the previous date; no regular frequency fits")
            }
        }

        var series: [TimeSeries] = []
        series.reserveCapacity(order.count)
        for id in order {
            let rows = sortedRows[id]!
            let start = rows[0].date
            var seriesWarnings = warnings.filter { $0.seriesID == id }
            var positions: [Int] = []
            positions.reserveCapacity(rows.count)
            for row in rows {
                guard let position = periodIndex(of: row.date, from: start, frequency) else {
                    throw .irregularDates(row: row.line, seriesID: id, date: row.date.description,
                                          reason: "is not on the \(frequency.rawValue) grid starting \(start)")
                }
                positions.append(position)
            }
            let length = (positions.last ?? 0) + 1
            var values = [Double](repeating: 0, count: length)
            var missing = length - rows.count
            var firstMissing: Int?
            for (row, position) in zip(rows, positions) {
                if let v = row.value {
                    values[position] = v
                } else {
                    missing += 1
                    firstMissing = min(firstMissing ?? position, position)
                }
            }
            if missing > 0 {
                var gap = 0
                while gap < positions.count && positions[gap] == gap { gap += 1 }
                let first = min(firstMissing ?? gap, gap)
                let warning = ForecastWarning(
                    kind: .gapsFilled, seriesID: id,
                    message: "\(missing) missing \(frequency.rawValue) value(s) filled with 0, first at \(start.advanced(by: first, frequency))")
                warnings.append(warning)
                seriesWarnings.append(warning)
            }
            series.append(TimeSeries(id: id, values: values, frequency: frequency, start: start, warnings: seriesWarnings))
        }
        return ParsedSeriesFile(series: series, frequency: frequency, warnings: warnings)
    }

    /// Period offset of `date` from `start`, or nil when it is off the grid.
    static func periodIndex(of date: DateStamp, from start: DateStamp, _ frequency: Frequency) -> Int? {
        switch frequency {
        case .daily:
            return date.daysSinceEpoch - start.daysSinceEpoch
        case .weekly:
            let days = date.daysSinceEpoch - start.daysSinceEpoch
            return days % 7 == 0 ? days / 7 : nil
        case .monthly, .quarterly, .yearly:
            let step = frequency == .monthly ? 1 : frequency == .quarterly ? 3 : 12
            let months = date.monthIndex - start.monthIndex
            return months % step == 0 ? months / step : nil
        }
    }

    /// Splits one CSV line on commas, honouring simple double-quoted fields.
    static func fields(_ line: Substring) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let ch = iterator.next() {
            if ch == "\"" {
                quoted.toggle()
            } else if ch == "," && !quoted {
                result.append(current.trimmingSpaces())
                current = ""
            } else if ch != "\r" {
                current.append(ch)
            }
        }
        result.append(current.trimmingSpaces())
        return result
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        guard first == " " || last == " " else { return self }
        return String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
