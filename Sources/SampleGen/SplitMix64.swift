import Foundation

/// SplitMix64: a small seeded generator, identical on every platform, so that the
/// same seed writes the same bytes everywhere. Never seeded from the clock.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// A generator for one concern, so that changing one writer does not shift another's draws.
    func derived(_ salt: UInt64) -> SplitMix64 { SplitMix64(seed: state ^ (salt &* 0xD1B5_4A32_D192_ED03)) }

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

    /// Uniform in `range`, for times in seconds.
    mutating func seconds(_ range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u = max(unit(), 1e-12)
        let v = unit()
        return (-2 * Foundation.log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Lognormal with the given median and standard deviation of its logarithm.
    mutating func lognormal(median: Double, sigma: Double) -> Double { median * exp(sigma * normal()) }

    /// One element of a non-empty array (the first of an empty one is never asked for).
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(max(items.count, 1)))] }

    /// An index drawn with the given weights.
    mutating func weighted(_ weights: [Double]) -> Int {
        var target = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        guard items.count > 1 else { return items }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, int(0...index))
        }
        return items
    }

    /// Lower-case hex digits.
    mutating func hex(_ count: Int) -> String {
        var text = ""
        while text.count < count { text += String(format: "%016llx", next()) }
        return String(text.prefix(count))
    }

    /// A random (version 4) UUID, as Claude Code session ids are.
    mutating func uuid() -> String {
        let hex = Array(hex(32))
        return String(hex[0..<8]) + "-" + String(hex[8..<12]) + "-4" + String(hex[13..<16]) + "-"
            + ["8", "9", "a", "b"][Int(next() % 4)] + String(hex[17..<20]) + "-" + String(hex[20..<32])
    }

    /// A time-ordered (version 7) UUID, as Codex thread ids are: the first 48 bits are the milliseconds.
    mutating func uuid7(millis: Int64) -> String {
        let time = Array(String(format: "%012llx", UInt64(max(millis, 0))))
        let hex = Array(hex(20))
        return String(time[0..<8]) + "-" + String(time[8..<12]) + "-7" + String(hex[0..<3]) + "-"
            + ["8", "9", "a", "b"][Int(next() % 4)] + String(hex[3..<6]) + "-" + String(hex[6..<18])
    }

    /// Base-62 text, as the ids inside Claude's `msg_…`, `req_…` and `toolu_…` are.
    mutating func base62(_ count: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        return String((0..<count).map { _ in alphabet[Int(next() % 62)] })
    }
}
