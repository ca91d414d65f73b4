import Foundation
import Testing
@testable import Forecasting

@Suite struct ETSModelTests {
    /// A positive monthly-like series with a growing multiplicative season.
    static func multiplicativeSeasonal(count: Int, seed: UInt64) -> [Double] {
        let season: [Double] = [0.7, 0.8, 1.0, 1.2, 1.4, 1.3, 1.1, 0.9, 0.8, 0.9, 1.0, 0.9]
        let noise = TestData.normal(mean: 0, sd: 0.02, count: count, seed: seed)
        return (0..<count).map { t -> Double in
            let level: Double = 100 + 4 * Double(t)
            return level * season[t % 12] * (1 + noise[t])
        }
    }

    @Test("ETS(M,A,M) runs the multiplicative-error equations written with relative errors")
    func multiplicativeRecursionByHand() {
        let y: [Double] = [12, 20, 14, 23, 16, 25, 17, 28]
        let form = ETSForm(error: .multiplicative, trend: .additive, season: .multiplicative)
        let filter = ETSFilter(form: form, alpha: 0.3, beta: 0.1, gamma: 0.2, seasonLength: 2)
        let state = y.withUnsafeBufferPointer { filter.run($0) }
        // Hyndman et al. (2008) table 2.3, ETS(M,A,M): μ = (ℓ + b)s, e = (y − μ)/μ,
        // ℓ ← (ℓ + b)(1 + αe), b ← b + β(ℓ + b)e, s ← s(1 + γe).
        let initial = y.withUnsafeBufferPointer { filter.initialState($0) }
        var level = initial.level, trend = initial.trend, seasonal = initial.seasonal
        var relative = 0.0, logs = 0.0
        for t in y.indices {
            let mu = (level + trend) * seasonal[t % 2]
            let e = (y[t] - mu) / mu
            relative += e * e
            logs += log(mu)
            let q = level + trend
            level = q * (1 + 0.3 * e)
            trend = trend + 0.1 * q * e
            seasonal[t % 2] *= 1 + 0.2 * e
        }
        #expect(abs(state.level - level) < 1e-9)
        #expect(abs(state.trend - trend) < 1e-9)
        #expect(zip(state.seasonal, seasonal).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(abs(filter.likelihood(state) - (8 * log(relative / 8) + 2 * logs)) < 1e-9)
    }

    @Test("ETS(A,Ad,A) forecasts ℓ + (φ + … + φʰ)b + s with variance σ²(1 + Σcⱼ²)")
    func dampedSeasonalForecastByHand() {
        let form = ETSForm(error: .additive, trend: .damped, season: .additive)
        let filter = ETSFilter(form: form, alpha: 0.4, beta: 0.1, gamma: 0.2, phi: 0.9, seasonLength: 2)
        var state = ETSFilter.State(level: 10, trend: 2, seasonal: [1, -1])
        state.count = 6
        state.squaredErrors = 8
        let f = filter.forecast(from: state, horizon: 3, parameterCount: 2)
        #expect(abs(f.mean[0] - (10 + 0.9 * 2 + 1)) < 1e-12)
        #expect(abs(f.mean[1] - (10 + (0.9 + 0.81) * 2 - 1)) < 1e-12)
        #expect(abs(f.mean[2] - (10 + (0.9 + 0.81 + 0.729) * 2 + 1)) < 1e-12)
        let sigma2 = 8.0 / 4
        let c1 = 0.4 + 0.1 * 0.9
        let c2 = 0.4 + 0.1 * (0.9 + 0.81) + 0.2
        #expect(abs(f.variance[2] - sigma2 * (1 + c1 * c1 + c2 * c2)) < 1e-12)
    }

    @Test("AICc is AIC + 2k(k + 1)/(n − k − 1), k counting smoothing parameters, initial states and σ")
    func aiccFormula() {
        let form = ETSForm(error: .additive, trend: .damped, season: .additive)
        // α, β, γ, φ; ℓ₀, b₀, 11 free seasonal indices; σ.
        #expect(ETSModel.parameterCount(form, seasonLength: 12) == 4 + 13 + 1)
        let k = 18.0, n = 60.0
        #expect(abs(ETSModel.aicc(likelihood: 123.4, parameters: 18, observations: 60)
            - (123.4 + 2 * k + 2 * k * (k + 1) / (n - k - 1))) < 1e-12)
        #expect(ETSModel.aicc(likelihood: 1, parameters: 18, observations: 19) == .infinity)
    }

    @Test("the search space is AutoETS's: 15 forms for positive seasonal data, additive-only with zeros")
    func candidateForms() {
        #expect(ETSForm.candidates(seasonLength: 12, positive: true).count == 15)
        #expect(ETSForm.candidates(seasonLength: 12, positive: false).count == 6)
        #expect(ETSForm.candidates(seasonLength: 1, positive: true).count == 6)
        #expect(!ETSForm.candidates(seasonLength: 12, positive: true)
            .contains { $0.error == .additive && $0.season == .multiplicative })
    }

    @Test("AutoETS chooses a multiplicative season when the swing grows with the level, no season for white noise")
    func formSelection() throws {
        let options = FitOptions(seasonLength: 12, optimizationWindow: 1000, maxEvaluations: 40)
        let seasonal = Self.multiplicativeSeasonal(count: 120, seed: 3)
        let model = try #require(seasonal.withUnsafeBufferPointer { ETSModel.fit($0, options: options) })
        #expect(model.form.season == .multiplicative, "\(model.form)")
        let noise = TestData.normal(mean: 50, sd: 3, count: 120, seed: 4)
        let flat = try #require(noise.withUnsafeBufferPointer { ETSModel.fit($0, options: options) })
        #expect(flat.form.season == .none, "\(flat.form)")
    }

    @Test("a refit on the whole history re-runs the AICc search over the training window's three best forms")
    func shortlistRefit() throws {
        let y = Self.multiplicativeSeasonal(count: 108, seed: 6)
        let options = FitOptions(seasonLength: 12, optimizationWindow: 1000, maxEvaluations: 40)
        let window = try #require(y.withUnsafeBufferPointer { ETSModel.fit(UnsafeBufferPointer(rebasing: $0[0..<72]), options: options) })
        #expect(window.shortlist.count == 3)
        #expect(window.shortlist.first == window.form)
        let refit = try #require(y.withUnsafeBufferPointer { window.refitted($0, options: options) })
        #expect(window.shortlist.contains(refit.form))
        let direct = try #require(y.withUnsafeBufferPointer { ETSModel.fit($0, options: options, forms: [refit.form]) })
        #expect(refit.aicc == direct.aicc)
    }

    @Test("forecasting from several origins in one pass equals forecasting each prefix")
    func originsMatchPrefixes() throws {
        let y = Self.multiplicativeSeasonal(count: 96, seed: 5)
        let options = FitOptions(seasonLength: 12, optimizationWindow: 1000, maxEvaluations: 40)
        let model = try #require(y.withUnsafeBufferPointer { ETSModel.fit(UnsafeBufferPointer(rebasing: $0[0..<60]), options: options) })
        let together = y.withUnsafeBufferPointer { model.forecasts(history: $0, origins: [78, 60], horizon: 6) }
        // Initial states come from the first (shortest) training window in both cases.
        let alone = y.withUnsafeBufferPointer { full -> ModelForecast in
            let f = model.filter
            var state = f.initialState(UnsafeBufferPointer(rebasing: full[0..<60]))
            f.advance(full, to: 78, &state)
            return f.forecast(from: state, horizon: 6, parameterCount: ETSModel.parameterCount(model.form, seasonLength: 12))
        }
        #expect(together[0].mean == alone.mean)
        let prefix = Array(y[0..<60])
        #expect(together[1].mean == TestData.forecast(model, prefix, horizon: 6).mean)
    }

    @Test("classical decomposition recovers planted additive seasonal indices")
    func seasonalIndices() {
        let season: [Double] = [3, -1, -4, 2]
        let y = (0..<16).map { 20 + 0.5 * Double($0) + season[$0 % 4] }
        let indices = y.withUnsafeBufferPointer {
            ETSFilter.seasonalIndices($0, seasonLength: 4, seasons: 4, multiplicative: false)
        }
        #expect(zip(indices, season).allSatisfy { abs($0 - $1) < 1e-9 }, "\(indices)")
    }
}
