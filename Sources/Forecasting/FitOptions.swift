/// Settings that every model's parameter fit shares.
struct FitOptions: Sendable {
    /// Season length in periods (1 = no season).
    var seasonLength: Int
    /// Parameters are optimised on at most this many trailing observations.
    var optimizationWindow: Int
    /// Evaluation budget of the Nelder–Mead searches.
    var maxEvaluations: Int

    /// The trailing part of `y` used for optimisation.
    func window(_ y: UnsafeBufferPointer<Double>) -> UnsafeBufferPointer<Double> {
        y.count <= optimizationWindow ? y : UnsafeBufferPointer(rebasing: y[(y.count - optimizationWindow)...])
    }
}
