import Foundation

/// SplitMix64: a small, seeded, platform-independent generator, so that the
/// same seed writes the same bytes everywhere.
struct Random {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Uniform in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(unit(), 1e-12)
        let v = unit()
        return (-2 * Foundation.log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Lognormal with the given median and sigma of its logarithm.
    mutating func lognormal(median: Double, sigma: Double) -> Double { median * exp(sigma * normal()) }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// An index drawn with the given weights.
    mutating func weighted(_ weights: [Double]) -> Int {
        var target = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// 32 hex digits shaped as a UUID.
    mutating func uuid() -> String {
        let a = String(format: "%016llx", next())
        let b = String(format: "%016llx", next())
        let hex = Array(a + b)
        return String(hex[0..<8]) + "-" + String(hex[8..<12]) + "-4" + String(hex[13..<16]) + "-a"
            + String(hex[17..<20]) + "-" + String(hex[20..<32])
    }

    mutating func hex(_ count: Int) -> String {
        var text = ""
        while text.count < count { text += String(format: "%016llx", next()) }
        return String(text.prefix(count))
    }
}
