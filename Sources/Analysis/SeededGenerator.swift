/// SplitMix64: a small, fast generator whose sequence is the same on every platform,
/// so a fixed seed always prints the same intervals and forecasts.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    /// The generator `SeededGenerator(seed:)` becomes after `draws` calls of `next()`: SplitMix64's
    /// state moves by a constant per draw, so a parallel loop can start each part where a serial
    /// one would be, and print the same figures.
    package init(seed: UInt64, skipping draws: Int) {
        state = seed &+ UInt64(truncatingIfNeeded: draws) &* 0x9E37_79B9_7F4A_7C15
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform index below `count` (Lemire's method would be faster; modulo bias at
    /// these counts is below 1e-15 and the sequence must stay simple to reproduce).
    package mutating func index(below count: Int) -> Int {
        Int(next() % UInt64(count))
    }

    /// A uniform double in [0, 1).
    package mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
