import COpenBLAS

/// A dense row-major matrix of `Double` values; element (r, c) lives at `values[r * columns + c]`.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Row-major storage.
    public var values: [Double]

    /// A matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.values = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major values.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "expected \(rows * columns) values, got \(values.count)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A matrix whose rows are the given arrays (all of equal length).
    public init(rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "rows must have equal length")
        self.init(rows: rowArrays.count, columns: columns, values: rowArrays.flatMap { $0 })
    }

    /// Element access.
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// One column copied out as an array.
    public func column(_ index: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + index] }
    }

    /// The transpose.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for r in 0..<rows {
            for c in 0..<columns {
                result.values[c * rows + r] = values[r * columns + c]
            }
        }
        return result
    }

    /// General product `op(a) · op(b)` through `cblas_dgemm`, where `op` optionally transposes.
    public static func product(_ a: Matrix, transposingFirst: Bool = false,
                               _ b: Matrix, transposingSecond: Bool = false) -> Matrix {
        let m = transposingFirst ? a.columns : a.rows
        let k = transposingFirst ? a.rows : a.columns
        let kb = transposingSecond ? b.columns : b.rows
        let n = transposingSecond ? b.rows : b.columns
        precondition(k == kb, "inner dimensions differ: \(k) vs \(kb)")
        var result = Matrix(rows: m, columns: n)
        guard m > 0, n > 0, k > 0 else { return result }
        a.values.withUnsafeBufferPointer { pa in
            b.values.withUnsafeBufferPointer { pb in
                result.values.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasRowMajor,
                                transposingFirst ? CblasTrans : CblasNoTrans,
                                transposingSecond ? CblasTrans : CblasNoTrans,
                                blasint(m), blasint(n), blasint(k), 1.0,
                                pa.baseAddress, blasint(max(a.columns, 1)),
                                pb.baseAddress, blasint(max(b.columns, 1)), 0.0,
                                pc.baseAddress, blasint(n))
                }
            }
        }
        return result
    }

    /// `self · other`.
    public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
        product(lhs, rhs)
    }
}
