import Foundation
import Testing
@testable import Forecasting

@Suite struct CESModelTests {
    @Test("non-seasonal CES runs ℓ ← ℓ − (1 − α₁)c + (α₀ − α₁)ε, c ← ℓ + (1 − α₀)c + (α₀ + α₁)ε by hand")
    func recursionByHand() {
        let model = CESModel(season: .none, alpha0: 1.2, alpha1: 0.9, seasonLength: 1, aicc: 0)
        let y: [Double] = [10, 12, 11, 14]
        let state = y.withUnsafeBufferPointer { model.run($0) }
        var level = (10.0 + 12 + 11 + 14) / 4
        var potential = level / 1.1
        var sse = 0.0
        for v in y {
            let e = v - level
            sse += e * e
            (level, potential) = (level - (1 - 0.9) * potential + (1.2 - 0.9) * e,
                                  level + (1 - 1.2) * potential + (1.2 + 0.9) * e)
        }
        #expect(abs(state.level - level) < 1e-12)
        #expect(abs(state.potential - potential) < 1e-12)
        #expect(abs(state.squaredErrors - sse) < 1e-12)
    }

    @Test("forecast weights are the impulse response w′Fʲ⁻¹g of the transition matrix")
    func impulseResponse() {
        let (a0, a1) = (1.3, 0.8)
        let model = CESModel(season: .none, alpha0: a0, alpha1: a1, seasonLength: 1, aicc: 0)
        let state = CESModel.State(level: 5, potential: 4, seasonalLevel: [], seasonalPotential: [], count: 10,
                                   squaredErrors: 3)
        let f = model.forecast(from: state, horizon: 4)
        // F = [[1, −(1 − α₁)], [1, 1 − α₀]], g = [α₀ − α₁, α₀ + α₁], w = [1, 0].
        var v = (a0 - a1, a0 + a1)
        for j in 1..<4 {
            #expect(abs(f.innovationWeights[j] - v.0) < 1e-12, "ψ\(j)")
            v = (v.0 - (1 - a1) * v.1, v.0 + (1 - a0) * v.1)
        }
        #expect(abs(f.mean[0] - 5) < 1e-12)
        #expect(abs(f.mean[1] - (5 - (1 - a1) * 4)) < 1e-12)
    }

    @Test("stability: a lower-triangular discount matrix is stable exactly when both diagonal entries are inside ±1")
    func stability() {
        // α₁ = 1 makes the matrix [[2 − α₀, 0], [−α₀, 1 − α₀]]: eigenvalues 2 − α₀ and 1 − α₀.
        #expect(CESModel.isStable(1.5, 1))
        #expect(!CESModel.isStable(0.9, 1))
        #expect(!CESModel.isStable(2.05, 1))
    }

    @Test("AutoCES chooses a seasonal form for a seasonal series and forecasts its pattern")
    func seasonalSelection() throws {
        let season: [Double] = [8, 4, 0, -3, -6, -8, -5, -2, 1, 3, 4, 4]
        let noise = TestData.normal(mean: 0, sd: 0.5, count: 96, seed: 2)
        let y = (0..<96).map { 50 + season[$0 % 12] + noise[$0] }
        let options = FitOptions(seasonLength: 12, optimizationWindow: 1000, maxEvaluations: 40)
        let model = try #require(y.withUnsafeBufferPointer { CESModel.fit($0, options: options) })
        #expect(model.season != .none)
        let f = TestData.forecast(model, y, horizon: 12)
        for h in 0..<12 {
            #expect(abs(f.mean[h] - (50 + season[(96 + h) % 12])) < 2.5, "step \(h + 1): \(f.mean[h])")
        }
    }
}
