import Testing
@testable import Forecasting

@Suite struct RidgeSolverTests {
    @Test("matrix product matches a hand multiplication")
    func product() {
        let a = Matrix(rowArrays: [[1, 2], [3, 4], [5, 6]])
        let b = Matrix(rowArrays: [[1, 0, 2], [0, 1, 1]])
        #expect(Matrix.product(a, b) == Matrix(rowArrays: [[1, 2, 4], [3, 4, 10], [5, 6, 16]]))
        #expect(Matrix.product(a, transposingFirst: true, a) == Matrix(rowArrays: [[35, 44], [44, 56]]))
    }

    @Test("ridge solve equals the 2×2 system solved by hand, for two right-hand sides at once")
    func twoByTwo() throws {
        // XᵀX + I = [[3,1],[1,3]], XᵀY = [[4,4],[5,2]] → B = 1/8·[[3,-1],[-1,3]]·XᵀY.
        let x = Matrix(rowArrays: [[1, 0], [0, 1], [1, 1]])
        let y = Matrix(rowArrays: [[1, 2], [2, 0], [3, 2]])
        let b = try RidgeSolver.solve(design: x, targets: y, lambda: 1)
        let expected: [Double] = [7.0 / 8, 10.0 / 8, 11.0 / 8, 2.0 / 8]
        for (value, truth) in zip(b.values, expected) {
            #expect(abs(value - truth) < 1e-12)
        }
    }

    @Test("leverages are the hat matrix's diagonal, by hand: x (XᵀX + I)⁻¹ xᵀ = 3/8, 3/8, 1/2")
    func leverage() throws {
        let x = Matrix(rowArrays: [[1, 0], [0, 1], [1, 1]])
        let y = Matrix(rowArrays: [[1, 2], [2, 0], [3, 2]])
        let fit = try RidgeSolver.solveWithLeverage(design: x, targets: y, lambda: 1)
        #expect(fit.coefficients == (try RidgeSolver.solve(design: x, targets: y, lambda: 1)))
        for (value, truth) in zip(fit.leverage, [3.0 / 8, 3.0 / 8, 0.5]) {
            #expect(abs(value - truth) < 1e-12)
        }
    }

    @Test("an unpenalised column is left out of the ridge penalty")
    func unpenalized() throws {
        // Only column 1 penalised: [[2,1],[1,3]] b = [4,5] → b = [7/5, 6/5].
        let x = Matrix(rowArrays: [[1, 0], [0, 1], [1, 1]])
        let y = Matrix(rowArrays: [[1], [2], [3]])
        let b = try RidgeSolver.solve(design: x, targets: y, lambda: 1, unpenalizedColumns: [0])
        #expect(abs(b[0, 0] - 7.0 / 5) < 1e-12)
        #expect(abs(b[1, 0] - 6.0 / 5) < 1e-12)
    }

    @Test("a singular system without penalty is reported, not crashed on")
    func singular() {
        let x = Matrix(rowArrays: [[1, 1], [2, 2]])
        let y = Matrix(rowArrays: [[1], [2]])
        #expect(throws: ForecastError.self) { try RidgeSolver.solve(design: x, targets: y, lambda: 0) }
    }
}
