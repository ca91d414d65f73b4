import Foundation

/// A tiny deterministic random number generator (SplitMix64) so simulations are reproducible from a seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// Next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in the open interval (0, 1).
    public mutating func nextUniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// Standard normal draw (Box–Muller, one value per call).
    public mutating func nextNormal() -> Double {
        let u1 = nextUniform()
        let u2 = nextUniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Fills `buffer` with standard normal draws (Marsaglia's polar method: one logarithm and no trigonometry per
    /// pair, both values used).
    public mutating func fillNormals(_ buffer: inout [Double]) {
        var i = 0
        let n = buffer.count
        while i < n {
            let x = 2 * nextUniform() - 1
            let y = 2 * nextUniform() - 1
            let s = x * x + y * y
            guard s < 1, s > 0 else { continue }
            let factor = (-2 * log(s) / s).squareRoot()
            buffer[i] = x * factor
            if i + 1 < n { buffer[i + 1] = y * factor }
            i += 2
        }
    }

    /// Poisson draw with mean `lambda` (inversion for small means, PTRS rejection for large ones).
    public mutating func nextPoisson(mean lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda < 30 {
            var k = 0
            var p = exp(-lambda)
            var cdf = p
            let u = nextUniform()
            while u > cdf && k < 10_000 {
                k += 1
                p *= lambda / Double(k)
                cdf += p
            }
            return k
        }
        let slam = lambda.squareRoot()
        let logLambda = log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = nextUniform() - 0.5
            let v = nextUniform()
            let us = 0.5 - abs(u)
            let k = floor((2 * a / us + b) * u + lambda + 0.43)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(invAlpha) - log(a / (us * us) + b) <= -lambda + k * logLambda - lgamma(k + 1) {
                return Int(k)
            }
        }
    }

    /// A seed derived from a base seed and a text key with FNV-1a (stable across runs, unlike `Hasher`).
    public static func seed(_ base: UInt64, key: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        var mixer = SplitMix64(seed: base ^ hash)
        return mixer.next()
    }
}
