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
        return try solveSymmetricPositiveDefinite(penalizedGram(x, lambda, unpenalizedColumns),
                                                  Matrix.product(x, transposingFirst: true, y))
    }

    /// Like `solve(design:targets:lambda:)`, and also the leverage of every design row: the diagonal of the
    /// hat matrix `X (XᵀX + λ·P)⁻¹ Xᵀ`, from the same factorisation (`Xᵀ` and the identity ride along as extra
    /// right-hand sides, which also gives the inverse Gram matrix constrained fits work from). With a shared
    /// design every item has the same leverages, so the whole site costs one solve.
    /// `eᵢ / (1 − hᵢ)` is then the leave-one-out residual of row `i`: what the fit would have missed had it
    /// not seen that day.
    public static func solveWithLeverage(design x: Matrix, targets y: Matrix, lambda: Double,
                                         unpenalizedColumns: Set<Int> = []) throws(ForecastError) -> RidgeSolution {
        precondition(x.rows == y.rows, "design and targets need the same number of rows")
        let p = x.columns
        let gram = penalizedGram(x, lambda, unpenalizedColumns)
        let xty = Matrix.product(x, transposingFirst: true, y)
        let items = y.columns
        var rhs = Matrix(rows: p, columns: items + x.rows + p)
        for j in 0..<p {
            for i in 0..<items { rhs[j, i] = xty[j, i] }
            for t in 0..<x.rows { rhs[j, items + t] = x[t, j] }
            rhs[j, items + x.rows + j] = 1
        }
        let solved = try solveSymmetricPositiveDefinite(gram, rhs)
        var coefficients = Matrix(rows: p, columns: items)
        var hatColumns = Matrix(rows: p, columns: x.rows)
        var inverse = Matrix(rows: p, columns: p)
        for j in 0..<p {
            for i in 0..<items { coefficients[j, i] = solved[j, i] }
            for t in 0..<x.rows { hatColumns[j, t] = solved[j, items + t] }
            for k in 0..<p { inverse[j, k] = solved[j, items + x.rows + k] }
        }
        let leverage = (0..<x.rows).map { t in
            (0..<p).reduce(0.0) { $0 + x[t, $1] * hatColumns[$1, t] }
        }
        return RidgeSolution(coefficients: coefficients, leverage: leverage, inverseGram: inverse, hatColumns: hatColumns)
    }

    /// `XᵀX + λ·P`.
    private static func penalizedGram(_ x: Matrix, _ lambda: Double, _ unpenalizedColumns: Set<Int>) -> Matrix {
        var gram = Matrix.product(x, transposingFirst: true, x)
        for j in 0..<gram.rows where !unpenalizedColumns.contains(j) {
            gram[j, j] += lambda
        }
        return gram
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
