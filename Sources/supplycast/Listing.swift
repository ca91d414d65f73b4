import CSV
import Foundation

/// Renders rows as an aligned table, JSON (the values' own Encodable form) or CSV.
struct Listing<Row: Encodable> {
    var columns: [(title: String, value: (Row) -> String)]

    func print(_ rows: [Row], format: OutputFormat, empty: String = "(none)") throws {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            Swift.print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        case .csv:
            let stream = OutputStream(toMemory: ())
            let writer = try CSVWriter(stream: stream)
            try writer.write(row: columns.map(\.title))
            for row in rows { try writer.write(row: columns.map { $0.value(row) }) }
            writer.stream.close()
            let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
            Swift.print(String(decoding: data, as: UTF8.self))
        case .table:
            guard !rows.isEmpty else {
                Swift.print(empty)
                return
            }
            let cells = rows.map { row in columns.map { $0.value(row) } }
            let widths = columns.indices.map { column in
                max(columns[column].title.count, cells.map { $0[column].count }.max() ?? 0)
            }
            func line(_ values: [String]) -> String {
                zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
            }
            Swift.print(line(columns.map { $0.title.uppercased() }))
            for row in cells { Swift.print(line(row)) }
        }
    }
}

extension Double {
    /// Quantities as planners read them: whole numbers without decimals.
    var quantityText: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(format: "%.2f", self)
    }
}
