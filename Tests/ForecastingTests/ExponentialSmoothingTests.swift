import Testing
@testable import Forecasting

@Suite struct ExponentialSmoothingTests {
    @Test("SES recursion matches hand computation of level, SSE and two-step variance")
    func sesByHand() {
        // ℓ: 10 → 11 (e=2) → 11 (e=0) → 13 (e=4); SSE = 20 over 3 errors.
        let f = TestData.forecast(SimpleExponentialSmoothing(alpha: 0.5), [10, 12, 11, 15], horizon: 3)
        #expect(f.mean == [13, 13, 13])
        #expect(abs(f.variance[0] - 20.0 / 3) < 1e-12)
        #expect(abs(f.variance[1] - 20.0 / 3 * 1.25) < 1e-12)
        #expect(f.innovationWeights == [1, 0.5, 0.5])
    }

    @Test("SES fit chooses a large alpha for a level shift and a small one for noise around a constant")
    func sesFit() throws {
        let options = FitOptions(seasonLength: 1, optimizationWindow: 1000, maxEvaluations: 60)
        let shift = [Double](repeating: 10, count: 30) + [Double](repeating: 50, count: 30)
        let noise = TestData.normal(mean: 100, sd: 5, count: 300, seed: 1)
        let a = try #require(shift.withUnsafeBufferPointer { SimpleExponentialSmoothing.fit($0, options: options) })
        let b = try #require(noise.withUnsafeBufferPointer { SimpleExponentialSmoothing.fit($0, options: options) })
        #expect(a.alpha > 0.9)
        #expect(b.alpha < 0.2)
    }

    @Test("damped Holt forecasts converge to a finite level with sum of damped trend increments")
    func dampedHoltByHand() {
        // Zero errors on a perfect line would need b0 = slope; with b0 = 0, check the h-step formula directly.
        let model = DampedHolt(alpha: 0.5, beta: 0.1, phi: 0.9)
        let y: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let f = TestData.forecast(model, y, horizon: 3)
        let state = y.withUnsafeBufferPointer { ETSRecursion(alpha: 0.5, beta: 0.1, phi: 0.9, trended: true).run($0) }
        #expect(abs(f.mean[0] - (state.level + 0.9 * state.trend)) < 1e-12)
        #expect(abs(f.mean[2] - (state.level + (0.9 + 0.81 + 0.729) * state.trend)) < 1e-12)
        #expect(abs(f.innovationWeights[1] - (0.5 + 0.1 * 0.9)) < 1e-12)
    }

    @Test("Holt-Winters recovers a planted weekly season")
    func plantedWeeklySeason() throws {
        let season: [Double] = [12, 6, 0, -2, -3, -6, -7]
        let noise = TestData.normal(mean: 0, sd: 1, count: 210, seed: 7)
        let y = (0..<210).map { 50 + season[$0 % 7] + noise[$0] }
        let options = FitOptions(seasonLength: 7, optimizationWindow: 364, maxEvaluations: 80)
        let model = try #require(y.withUnsafeBufferPointer { HoltWinters.fit($0, options: options) })
        let f = TestData.forecast(model, y, horizon: 14)
        for h in 0..<14 {
            #expect(abs(f.mean[h] - (50 + season[(210 + h) % 7])) < 2.0, "step \(h + 1): \(f.mean[h])")
        }
    }

    @Test("naive and seasonal naive carry the last value and the last season, with growing variance")
    func naiveModels() {
        let y: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let naive = TestData.forecast(NaiveModel(), y, horizon: 3)
        #expect(naive.mean == [10, 10, 10])
        #expect(naive.variance == [1, 2, 3])
        let seasonal = TestData.forecast(SeasonalNaiveModel(seasonLength: 4), y, horizon: 6)
        #expect(seasonal.mean == [7, 8, 9, 10, 7, 8])
        #expect(seasonal.variance == [16, 16, 16, 16, 32, 32])
    }
}
