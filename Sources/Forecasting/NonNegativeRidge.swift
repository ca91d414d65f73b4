/// Ridge least squares with chosen coefficients held non-negative, worked out from one unconstrained solve.
///
/// The ridge objective `½ βᵀGβ − cᵀβ` (`G = XᵀX + λ·P`) with the coefficients in a set `A` held at zero has the
/// minimiser `β = β₀ − M_{·A} (M_{AA})⁻¹ β₀_A`, where `β₀` is the unconstrained solution and `M = G⁻¹`; its
/// Lagrange multipliers are `ν_A = −(M_{AA})⁻¹ β₀_A`, the slopes of the objective along the held coefficients.
/// A primal active-set method moves `A` until every free constrained coefficient is ≥ 0 and every held one has
/// `ν ≥ 0` (freeing it would not lower the objective): the Karush–Kuhn–Tucker conditions of the bounded problem.
/// Each step solves only a system the size of `A` (Cholesky through LAPACK), so a whole site still costs the one
/// factorisation of `G`.
public enum NonNegativeRidge {
    /// Coefficients of right-hand side `item` with `coefficient[j] ≥ 0` wherever `nonNegative[j]`, and the
    /// indices held at zero (ascending), which fix the fit's leverages.
    public static func solve(_ solution: RidgeSolution, item: Int,
                             nonNegative: [Bool]) throws(ForecastError) -> (coefficients: [Double], atZero: [Int]) {
        let p = solution.coefficients.rows
        precondition(nonNegative.count == p, "one flag per coefficient")
        let unconstrained = (0..<p).map { solution.coefficients[$0, item] }
        guard (0..<p).contains(where: { nonNegative[$0] && unconstrained[$0] < 0 }) else { return (unconstrained, []) }
        // Start from the unconstrained solution with its negative coefficients set to zero: feasible.
        var held = (0..<p).filter { nonNegative[$0] && unconstrained[$0] < 0 }
        var beta = unconstrained.enumerated().map { held.contains($0.offset) ? 0 : $0.element }
        for _ in 0..<(4 * p + 8) {
            let (target, multipliers) = try heldAtZero(solution, unconstrained, held)
            // Walk toward the minimiser over the current free set, stopping at the first coefficient to reach 0.
            var step = 1.0
            var blocking: Int?
            for j in 0..<p where nonNegative[j] && !held.contains(j) && target[j] < 0 {
                let ratio = beta[j] / (beta[j] - target[j])
                if ratio < step {
                    step = ratio
                    blocking = j
                }
            }
            for j in 0..<p { beta[j] += step * (target[j] - beta[j]) }
            if let blocking {
                beta[blocking] = 0
                held.append(blocking)
                held.sort()
                continue
            }
            // At the minimiser over the free set: done unless releasing a held coefficient lowers the objective.
            guard let release = multipliers.indices.min(by: { multipliers[$0] < multipliers[$1] }),
                  multipliers[release] < -1e-12 * (1 + abs(multipliers[release])) else {
                for j in held { beta[j] = 0 }
                return (beta, held)
            }
            held.remove(at: release)
        }
        for j in held { beta[j] = 0 }
        return (beta, held)
    }

    /// Leverages of the fit with the coefficients `atZero` held at zero: `hₜ − zₜᵀ (M_{AA})⁻¹ zₜ` with `zₜ` the
    /// held rows of the hat column `M xₜ`. Dropping columns can only lower a ridge fit's leverages.
    public static func leverage(_ solution: RidgeSolution, atZero held: [Int]) throws(ForecastError) -> [Double] {
        guard !held.isEmpty else { return solution.leverage }
        let rows = solution.leverage.count
        var z = Matrix(rows: held.count, columns: rows)
        for (a, j) in held.enumerated() {
            for t in 0..<rows { z[a, t] = solution.hatColumns[j, t] }
        }
        let solved = try RidgeSolver.solveSymmetricPositiveDefinite(block(solution.inverseGram, held), z)
        return (0..<rows).map { t in
            solution.leverage[t] - held.indices.reduce(0.0) { $0 + z[$1, t] * solved[$1, t] }
        }
    }

    /// The minimiser with `held` at zero, and the multipliers of the held coefficients.
    private static func heldAtZero(_ solution: RidgeSolution, _ unconstrained: [Double],
                                   _ held: [Int]) throws(ForecastError) -> (coefficients: [Double], multipliers: [Double]) {
        guard !held.isEmpty else { return (unconstrained, []) }
        let m = solution.inverseGram
        let rhs = Matrix(rows: held.count, columns: 1, values: held.map { unconstrained[$0] })
        let weights = try RidgeSolver.solveSymmetricPositiveDefinite(block(m, held), rhs).values
        var beta = unconstrained
        for j in beta.indices {
            for (a, k) in held.enumerated() { beta[j] -= m[j, k] * weights[a] }
        }
        return (beta, weights.map { -$0 })
    }

    /// The principal block `M_{AA}`.
    private static func block(_ m: Matrix, _ indices: [Int]) -> Matrix {
        Matrix(rows: indices.count, columns: indices.count,
               values: indices.flatMap { j in indices.map { m[j, $0] } })
    }
}
