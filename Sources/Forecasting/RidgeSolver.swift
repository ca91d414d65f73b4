import COpenBLAS

/// Ridge least squares through one Cholesky factorisation shared by every right-hand side.
public enum RidgeSolver {
    /// Solves `(XᵀX + λ·P) B = XᵀY` for `B` (`X.columns × Y.columns`), where `P` is the identity with zeros
    /// on the diagonal entries listed in `unpenalizedColumns` (typically the intercept).
    ///
    /// `XᵀX` is factorised once with `LAPACKE_dpotrf`; all columns of `Y` are solved by one `LAPACKE_dpotrs`.
    public static func solve(design x: Matrix, targets y: Matrix, lambda: Double,
                             unpenalizedColumns: Set<Int> = []) throws(ForecastError) -> Matrix {
        precondition(x.rows == y.rows, "design and targets need the same number of rows")
        var gram = Matrix.product(x, transposingFirst: true, x)
        for j in 0..<gram.rows where !unpenalizedColumns.contains(j) {
            gram[j, j] += lambda
        }
        let rhs = Matrix.product(x, transposingFirst: true, y)
        return try solveSymmetricPositiveDefinite(gram, rhs)
    }

    /// Solves `A B = R` for symmetric positive-definite `A` with one Cholesky factorisation.
    public static func solveSymmetricPositiveDefinite(_ a: Matrix, _ r: Matrix) throws(ForecastError) -> Matrix {
        precondition(a.rows == a.columns && a.rows == r.rows, "A must be square and match R")
        let n = a.rows
        guard n > 0 else { return r }
        var factor = a.values
        var solution = r.values
        let upper = CChar(UInt8(ascii: "U"))
        let info = factor.withUnsafeMutableBufferPointer { pa in
            LAPACKE_dpotrf(LAPACK_ROW_MAJOR, upper, Int32(n), pa.baseAddress, Int32(n))
        }
        guard info == 0 else { throw .singularSystem(detail: "Cholesky failed at pivot \(info)") }
        if r.columns > 0 {
            let solved = factor.withUnsafeBufferPointer { pa in
                solution.withUnsafeMutableBufferPointer { pb in
                    LAPACKE_dpotrs(LAPACK_ROW_MAJOR, upper, Int32(n), Int32(r.columns),
                                   pa.baseAddress, Int32(n), pb.baseAddress, Int32(r.columns))
                }
            }
            guard solved == 0 else { throw .singularSystem(detail: "triangular solve failed (\(solved))") }
        }
        return Matrix(rows: n, columns: r.columns, values: solution)
    }
}
