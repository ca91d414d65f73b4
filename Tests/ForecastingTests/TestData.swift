@testable import Forecasting

/// Deterministic synthetic data for the tests.
enum TestData {
    static func poisson(_ mean: Double, count: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in Double(rng.nextPoisson(mean: mean)) }
    }

    static func normal(mean: Double, sd: Double, count: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in mean + sd * rng.nextNormal() }
    }

    static func randomWalk(start: Double, sd: Double, count: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        var level = start
        return (0..<count).map { _ in
            level += sd * rng.nextNormal()
            return level
        }
    }

    static func forecast(_ model: some UnivariateModel, _ y: [Double], horizon: Int) -> ModelForecast {
        y.withUnsafeBufferPointer { model.forecast(history: $0, horizon: horizon) }
    }
}
