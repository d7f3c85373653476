import Foundation
import Model

/// A ratio with its 95% bootstrap interval.
package struct RatioEstimate: Sendable, Equatable {
    package var ratio: Double
    package var low: Double
    package var high: Double
}

/// METHOD.md's speedup: geometric means of AI and human task effort, their ratio with a
/// percentile-bootstrap interval (fixed seed), and the effort-weighted zone and
/// end-to-end figures. Fewer than 5 tasks on either side: no figure.
package struct Speedup: Sendable {
    package static let minimumTasks = 5
    package var resamples = 2000
    package var seed: UInt64 = 20_261_125

    package init(resamples: Int = 2000, seed: UInt64 = 20_261_125) {
        self.resamples = resamples
        self.seed = seed
    }

    /// One category's ratio t_a / t_h; nil with too few tasks on either side.
    package func ratio(ai: [Double], human: [Double], salt: UInt64 = 0) -> RatioEstimate? {
        let a = ai.filter { $0 > 0 }.map(log)
        let h = human.filter { $0 > 0 }.map(log)
        guard a.count >= Self.minimumTasks, h.count >= Self.minimumTasks else { return nil }
        let point = exp(Self.mean(a) - Self.mean(h))
        var generator = SeededGenerator(seed: seed ^ salt)
        var draws = [Double](repeating: 0, count: resamples)
        for index in 0..<resamples {
            draws[index] = exp(resampledMean(a, &generator) - resampledMean(h, &generator))
        }
        draws.sort()
        return RatioEstimate(
            ratio: point, low: Statistics.quantile(sorted: draws, 0.025), high: Statistics.quantile(sorted: draws, 0.975))
    }

    /// R = Σ w_c r_c over categories with a ratio, w_c the category's share of the
    /// human-equivalent effort (human effort plus AI effort divided by r_c); the interval
    /// bootstraps the whole sum. Nil when no category has enough data.
    package func weighted(_ groups: [(ai: [Double], human: [Double])], salt: UInt64 = 0) -> RatioEstimate? {
        let usable = groups.map { (ai: $0.ai.filter { $0 > 0 }, human: $0.human.filter { $0 > 0 }) }
            .filter { $0.ai.count >= Self.minimumTasks && $0.human.count >= Self.minimumTasks }
        guard !usable.isEmpty else { return nil }
        func combined(_ samples: [(ai: [Double], human: [Double])]) -> Double {
            var weights: [Double] = []
            var ratios: [Double] = []
            for sample in samples {
                let r = exp(Self.mean(sample.ai.map(log)) - Self.mean(sample.human.map(log)))
                ratios.append(r)
                weights.append(sample.human.reduce(0, +) + sample.ai.reduce(0, +) / r)
            }
            let total = weights.reduce(0, +)
            return zip(weights, ratios).reduce(0) { $0 + $1.0 / total * $1.1 }
        }
        let point = combined(usable)
        var generator = SeededGenerator(seed: seed ^ salt ^ 0x5EED)
        var draws = [Double](repeating: 0, count: resamples)
        for index in 0..<resamples {
            let resampled = usable.map { group in
                (ai: resample(group.ai, &generator), human: resample(group.human, &generator))
            }
            draws[index] = combined(resampled)
        }
        draws.sort()
        return RatioEstimate(
            ratio: point, low: Statistics.quantile(sorted: draws, 0.025), high: Statistics.quantile(sorted: draws, 0.975))
    }

    /// The size-matched ratio: within files-touched buckets (1, 2–3, 4–7, 8+) where both
    /// sides have tasks, the log ratios averaged with the bucket's task count as weight.
    package static func sizeMatched(ai: [(effort: Double, files: Int)], human: [(effort: Double, files: Int)]) -> Double? {
        func bucket(_ files: Int) -> Int { files <= 1 ? 0 : files <= 3 ? 1 : files <= 7 ? 2 : 3 }
        var weighted = 0.0
        var weights = 0.0
        for index in 0..<4 {
            let a = ai.filter { bucket($0.files) == index && $0.effort > 0 }.map { log($0.effort) }
            let h = human.filter { bucket($0.files) == index && $0.effort > 0 }.map { log($0.effort) }
            guard !a.isEmpty, !h.isEmpty else { continue }
            let weight = Double(a.count + h.count)
            weighted += weight * (Self.mean(a) - Self.mean(h))
            weights += weight
        }
        return weights > 0 ? exp(weighted / weights) : nil
    }

    private static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    private func resampledMean(_ values: [Double], _ generator: inout SeededGenerator) -> Double {
        var sum = 0.0
        for _ in values.indices { sum += values[generator.index(below: values.count)] }
        return sum / Double(values.count)
    }

    private func resample(_ values: [Double], _ generator: inout SeededGenerator) -> [Double] {
        values.indices.map { _ in values[generator.index(below: values.count)] }
    }
}
