import Foundation
import Testing
@testable import Forecasting

@Suite struct ThetaModelTests {
    static let trend: [Double] = [10, 13, 12, 16, 15, 19, 18, 22, 21, 25, 26, 27]

    /// Least-squares intercept and slope of `y` on `t = 1…n`, computed from centred sums.
    static func line(_ y: [Double]) -> (a: Double, b: Double) {
        let n = Double(y.count)
        let tMean = (n + 1) / 2
        let yMean = y.reduce(0, +) / n
        var num = 0.0, den = 0.0
        for (i, v) in y.enumerated() {
            num += (Double(i + 1) - tMean) * (v - yMean)
            den += (Double(i + 1) - tMean) * (Double(i + 1) - tMean)
        }
        let b = num / den
        return (yMean - b * tMean, b)
    }

    @Test("Theta equals the classic construction: (1 − 1/θ)·regression line + (1/θ)·SES of the theta line")
    func twoThetaLines() {
        let y = Self.trend
        let (a, b) = Self.line(y)
        let n = y.count
        for theta in [2.0, 3.0] {
            let alpha = 0.4
            // Theta line z = θy + (1 − θ)L; its SES starts from θ·y₁ + (1 − θ)·L₀ (SES of y starts at y₁, of L at a).
            var level = theta * y[0] + (1 - theta) * a
            for t in 0..<n {
                let z = theta * y[t] + (1 - theta) * (a + b * Double(t + 1))
                level += alpha * (z - level)
            }
            let model = ThetaModel(alpha: alpha, theta: theta, optimized: theta != 2, seasonLength: 1)
            let f = TestData.forecast(model, y, horizon: 4)
            for h in 1...4 {
                let expected = (1 - 1 / theta) * (a + b * Double(n + h)) + level / theta
                #expect(abs(f.mean[h - 1] - expected) < 1e-9, "θ = \(theta), h = \(h)")
            }
        }
    }

    @Test("standard Theta is SES with drift: each further step adds half the regression slope")
    func halfSlopeDrift() {
        let y = Self.trend
        let b = Self.line(y).b
        let f = TestData.forecast(ThetaModel(alpha: 0.5, theta: 2, optimized: false, seasonLength: 1), y, horizon: 6)
        for h in 1..<6 {
            #expect(abs(f.mean[h] - f.mean[h - 1] - b / 2) < 1e-9)
        }
    }

    @Test("data are deseasonalised only when the lag-m autocorrelation is significant")
    func seasonalityTest() {
        let season: [Double] = [0.6, 0.8, 1.0, 1.3, 1.5, 1.3, 1.1, 0.9, 0.8, 0.9, 0.9, 0.9]
        let seasonal = (0..<60).map { 100 * season[$0 % 12] }
        let indices = seasonal.withUnsafeBufferPointer { ThetaModel.seasonalIndices($0, seasonLength: 12) }
        #expect(indices.map { zip($0, season).allSatisfy { abs($0 - $1) < 1e-9 } } == true)
        let noise = TestData.normal(mean: 100, sd: 5, count: 60, seed: 9)
        #expect(noise.withUnsafeBufferPointer { ThetaModel.seasonalIndices($0, seasonLength: 12) } == nil)
    }

    @Test("optimised Theta fits the history at least as well as θ = 2, which its search contains")
    func optimisedNotWorse() throws {
        let walk = TestData.randomWalk(start: 50, sd: 2, count: 80, seed: 11)
        let y = walk.indices.map { t -> Double in walk[t] + 0.8 * Double(t) }
        let options = FitOptions(seasonLength: 1, optimizationWindow: 1000, maxEvaluations: 80)
        let standard = try #require(y.withUnsafeBufferPointer { ThetaModel.fit($0, options: options, optimized: false) })
        let optimised = try #require(y.withUnsafeBufferPointer { ThetaModel.fit($0, options: options, optimized: true) })
        let b = ThetaModel.slope(y)
        let sseStandard = ThetaModel.run(y, alpha: standard.alpha, theta: 2, slope: b).sse
        let sseOptimised = ThetaModel.run(y, alpha: optimised.alpha, theta: optimised.theta, slope: b).sse
        #expect(sseOptimised <= sseStandard * (1 + 1e-6))
    }
}
