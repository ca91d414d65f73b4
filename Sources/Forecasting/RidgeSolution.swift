/// One ridge solve kept for what follows it: the coefficients of every right-hand side, the inverse of the
/// penalised Gram matrix and each design row carried through it, so constrained fits and their leave-one-out
/// leverages need no further factorisation of the full system.
public struct RidgeSolution: Sendable {
    /// Unconstrained coefficients, `design.columns × targets.columns`.
    public let coefficients: Matrix
    /// Leverage of every design row: the diagonal of `X (XᵀX + λ·P)⁻¹ Xᵀ`.
    public let leverage: [Double]
    /// `M = (XᵀX + λ·P)⁻¹`, `design.columns × design.columns`.
    public let inverseGram: Matrix
    /// `M Xᵀ`: column `t` is row `t` of the design carried through `M` (`design.columns × design.rows`).
    public let hatColumns: Matrix
}
