import Testing
@testable import Forecasting

@Suite struct DriverRegressionTests {
    /// Census, procedure counts and two items driven by them with known coefficients.
    static func plantedSite(days: Int = 300, horizon: Int = 28) -> (items: [TimeSeries], drivers: SiteDrivers) {
        var rng = SplitMix64(seed: 2024)
        let total = days + horizon
        let census = (0..<total).map { _ in 100 + 10 * rng.nextNormal() }
        let procedures = (0..<total).map { t in t % 7 >= 5 ? 0 : Double(rng.nextPoisson(mean: 20)) }
        let gloves = (0..<days).map { 2 + 0.5 * census[$0] + 3 * procedures[$0] + rng.nextNormal() }
        let drapes = (0..<days).map { 10 + 1.5 * procedures[$0] + 0.5 * rng.nextNormal() }
        let drivers = SiteDrivers(names: ["census", "procedures.ortho"],
                                  history: [Array(census[..<days]), Array(procedures[..<days])],
                                  future: [Array(census[days...]), Array(procedures[days...])],
                                  firstWeekday: 1)
        return ([TimeSeries(id: "gloves", values: gloves), TimeSeries(id: "drapes", values: drapes)], drivers)
    }

    @Test("multi-output ridge recovers planted coefficients for every item from one factorisation")
    func recoversCoefficients() throws {
        let site = Self.plantedSite()
        let fit = try DriverRegression.fit(targets: site.items.map(\.values), drivers: site.drivers,
                                           rows: 300, lambda: 0.01)
        func coefficient(_ item: Int, _ name: String) -> Double {
            fit.coefficients(item: item).first { $0.driver == name }!.coefficient
        }
        #expect(abs(coefficient(0, "census") - 0.5) < 0.02)
        #expect(abs(coefficient(0, "procedures.ortho") - 3) < 0.1)
        #expect(abs(coefficient(1, "census")) < 0.02)
        #expect(abs(coefficient(1, "procedures.ortho") - 1.5) < 0.05)
        #expect(abs(coefficient(1, "intercept") - 10) < 1.5)
        let contribution = fit.coefficients(item: 0).first { $0.driver == "census" }!
        #expect(abs(contribution.meanContribution - contribution.coefficient * fit.meanDriverValues[1]) < 1e-9)
    }

    @Test("a larger ridge penalty shrinks coefficients toward zero")
    func shrinkage() throws {
        let site = Self.plantedSite()
        let light = try DriverRegression.fit(targets: site.items.map(\.values), drivers: site.drivers, rows: 300, lambda: 0.01)
        let heavy = try DriverRegression.fit(targets: site.items.map(\.values), drivers: site.drivers, rows: 300, lambda: 3000)
        #expect(abs(heavy.coefficients[2, 1]) < abs(light.coefficients[2, 1]))
    }

    @Test("mismatched driver lengths are rejected with the driver's name")
    func mismatch() {
        let site = Self.plantedSite()
        var drivers = site.drivers
        drivers.future[1] = [1, 2]
        #expect(throws: ForecastError.self) { try ForecastEngine.forecastSite(items: site.items, drivers: drivers) }
    }
}
