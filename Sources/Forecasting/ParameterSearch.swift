/// Small derivative-free minimisers used to fit smoothing parameters.
enum ParameterSearch {
    /// Golden-section search for a minimum of `f` on `[lower, upper]`.
    static func goldenSection(lower: Double, upper: Double, iterations: Int = 20,
                              _ f: (Double) -> Double) -> Double {
        let ratio = 0.618_033_988_749_895
        var a = lower
        var b = upper
        var c = b - ratio * (b - a)
        var d = a + ratio * (b - a)
        var fc = f(c)
        var fd = f(d)
        for _ in 0..<iterations {
            if fc < fd {
                b = d
                d = c
                fd = fc
                c = b - ratio * (b - a)
                fc = f(c)
            } else {
                a = c
                c = d
                fc = fd
                d = a + ratio * (b - a)
                fd = f(d)
            }
        }
        return fc < fd ? c : d
    }

    /// Nelder–Mead simplex search inside a box; points are clamped to the bounds.
    static func nelderMead(start: [Double], lower: [Double], upper: [Double], maxEvaluations: Int,
                           _ f: ([Double]) -> Double) -> [Double] {
        let n = start.count
        func clamp(_ x: [Double]) -> [Double] {
            var y = x
            for i in 0..<n { y[i] = min(max(y[i], lower[i]), upper[i]) }
            return y
        }
        var simplex = [clamp(start)]
        for i in 0..<n {
            var p = simplex[0]
            let step = 0.25 * (upper[i] - lower[i])
            p[i] = p[i] + step <= upper[i] ? p[i] + step : p[i] - step
            simplex.append(clamp(p))
        }
        var values = simplex.map(f)
        var evaluations = values.count
        while evaluations < maxEvaluations {
            let order = (0...n).sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if values[n] - values[0] <= 1e-10 * (abs(values[0]) + 1e-12) { break }
            var centroid = [Double](repeating: 0, count: n)
            for p in simplex[0..<n] {
                for i in 0..<n { centroid[i] += p[i] / Double(n) }
            }
            func along(_ t: Double) -> [Double] {
                clamp((0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) })
            }
            let reflected = along(-1)
            let fr = f(reflected)
            evaluations += 1
            if fr < values[0] {
                let expanded = along(-2)
                let fe = f(expanded)
                evaluations += 1
                if fe < fr {
                    simplex[n] = expanded
                    values[n] = fe
                } else {
                    simplex[n] = reflected
                    values[n] = fr
                }
            } else if fr < values[n - 1] {
                simplex[n] = reflected
                values[n] = fr
            } else {
                let contracted = fr < values[n] ? along(-0.5) : along(0.5)
                let fcon = f(contracted)
                evaluations += 1
                if fcon < min(fr, values[n]) {
                    simplex[n] = contracted
                    values[n] = fcon
                } else {
                    for k in 1...n {
                        simplex[k] = clamp((0..<n).map { simplex[0][$0] + 0.5 * (simplex[k][$0] - simplex[0][$0]) })
                        values[k] = f(simplex[k])
                    }
                    evaluations += n
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] } ?? 0
        return simplex[best]
    }
}
