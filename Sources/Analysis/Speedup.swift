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
///
/// Each category is resampled once (`Draws`); its ratio, and every weighted sum it enters
/// (zone, end to end), are computed from the same resamples, so the whole sum is
/// bootstrapped without drawing again.
package struct Speedup: Sendable {
    package static let minimumTasks = 5
    package var resamples = 2000
    package var seed: UInt64 = 20_261_125

    package init(resamples: Int = 2000, seed: UInt64 = 20_261_125) {
        self.resamples = resamples
        self.seed = seed
    }

    /// One category's resampled statistics: per resample the mean log effort and the summed
    /// effort of each side, plus the same of the data itself.
    package struct Draws: Sendable {
        var meanLogAI: [Double]
        var meanLogHuman: [Double]
        var sumAI: [Double]
        var sumHuman: [Double]
        var point: (meanLogAI: Double, meanLogHuman: Double, sumAI: Double, sumHuman: Double)
        /// The quantile the interval's low end is read at (its high end at 1 − this): 0.025, or
        /// less for few tasks (`expandedTail`).
        var tail = 0.025
    }

    /// Resamples a category; nil with fewer than 5 positive efforts on either side.
    package func draws(ai: [Double], human: [Double], salt: UInt64) -> Draws? {
        let a = ai.filter { $0 > 0 }
        let h = human.filter { $0 > 0 }
        guard a.count >= Self.minimumTasks, h.count >= Self.minimumTasks else { return nil }
        let logA = a.map(log)
        let logH = h.map(log)
        var generator = SeededGenerator(seed: seed ^ (salt &* 0x9E37_79B9_7F4A_7C15))
        var draws = Draws(
            meanLogAI: [], meanLogHuman: [], sumAI: [], sumHuman: [],
            point: (Self.mean(logA), Self.mean(logH), a.reduce(0, +), h.reduce(0, +)),
            tail: Self.expandedTail(logA, logH))
        // A resample's mean varies by (n − 1)/n of what the mean itself does: each side's
        // spread about the data's mean is widened by √(n / (n − 1)) to the unbiased figure.
        let widenA = (Double(a.count) / Double(a.count - 1)).squareRoot()
        let widenH = (Double(h.count) / Double(h.count - 1)).squareRoot()
        draws.meanLogAI.reserveCapacity(resamples)
        draws.meanLogHuman.reserveCapacity(resamples)
        draws.sumAI.reserveCapacity(resamples)
        draws.sumHuman.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let (meanA, sumA) = Self.resample(a, logA, &generator)
            let (meanH, sumH) = Self.resample(h, logH, &generator)
            draws.meanLogAI.append(draws.point.meanLogAI + (meanA - draws.point.meanLogAI) * widenA)
            draws.sumAI.append(sumA)
            draws.meanLogHuman.append(draws.point.meanLogHuman + (meanH - draws.point.meanLogHuman) * widenH)
            draws.sumHuman.append(sumH)
        }
        return draws
    }

    /// A category's ratio t_a / t_h and its interval.
    package func ratio(_ draws: Draws) -> RatioEstimate {
        let point = exp(draws.point.meanLogAI - draws.point.meanLogHuman)
        let values = zip(draws.meanLogAI, draws.meanLogHuman).map { exp($0 - $1) }.sorted()
        return RatioEstimate(
            ratio: point, low: Statistics.quantile(sorted: values, draws.tail),
            high: Statistics.quantile(sorted: values, 1 - draws.tail))
    }

    /// The expanded percentile interval's tail (Hesterberg 2015, for two samples): a percentile
    /// interval reads its ends where a normal one would, at ±1.96 standard errors, but with few
    /// tasks the mean log's error has Student's t spread, wider. Its ends are read where the
    /// normal curve leaves what t at the 97.5% point leaves: Φ(−t(0.975, ν)), ν the Welch–
    /// Satterthwaite degrees of freedom of the two sides' log efforts. Five tasks a side of equal
    /// spread: 0.011 (ν = 8); at the fewest, ν = 4: 0.0028; many tasks: 0.025.
    static func expandedTail(_ logA: [Double], _ logH: [Double]) -> Double {
        func varianceOfMean(_ values: [Double]) -> Double {
            let mean = Self.mean(values)
            return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1) / Double(values.count)
        }
        let (va, vh) = (varianceOfMean(logA), varianceOfMean(logH))
        let denominator = va * va / Double(logA.count - 1) + vh * vh / Double(logH.count - 1)
        // Both sides constant: nothing to widen.
        guard denominator > 0 else { return 0.025 }
        let freedom = (va + vh) * (va + vh) / denominator
        return Statistics.normalCDF(-Statistics.studentT975(freedom))
    }

    /// R = Σ w_c r_c, w_c the category's share of the human-equivalent effort (human effort
    /// plus AI effort divided by r_c); nil without categories.
    package func weighted(_ categories: [Draws]) -> RatioEstimate? {
        guard !categories.isEmpty else { return nil }
        func combined(_ stats: [(meanLogAI: Double, meanLogHuman: Double, sumAI: Double, sumHuman: Double)]) -> Double {
            var weighted = 0.0
            var total = 0.0
            for stat in stats {
                let r = exp(stat.meanLogAI - stat.meanLogHuman)
                let equivalent = stat.sumHuman + stat.sumAI / r
                weighted += equivalent * r
                total += equivalent
            }
            return weighted / total
        }
        let point = combined(categories.map(\.point))
        let count = categories.map(\.meanLogAI.count).min() ?? 0
        var values = (0..<count).map { index in
            combined(categories.map { ($0.meanLogAI[index], $0.meanLogHuman[index], $0.sumAI[index], $0.sumHuman[index]) })
        }
        values.sort()
        guard !values.isEmpty else { return RatioEstimate(ratio: point, low: point, high: point) }
        return RatioEstimate(
            ratio: point, low: Statistics.quantile(sorted: values, 0.025), high: Statistics.quantile(sorted: values, 0.975))
    }

    /// One category's ratio from raw efforts.
    package func ratio(ai: [Double], human: [Double], salt: UInt64 = 0) -> RatioEstimate? {
        draws(ai: ai, human: human, salt: salt).map(ratio)
    }

    /// The weighted ratio from raw efforts per category (categories with too few tasks left out).
    package func weighted(_ groups: [(ai: [Double], human: [Double])], salt: UInt64 = 0) -> RatioEstimate? {
        weighted(groups.enumerated().compactMap { draws(ai: $0.element.ai, human: $0.element.human, salt: salt &+ UInt64($0.offset)) })
    }

    /// The ratio of geometric means without an interval (weekly savings).
    package static func point(ai: [Double], human: [Double]) -> Double? {
        let a = ai.filter { $0 > 0 }.map(log)
        let h = human.filter { $0 > 0 }.map(log)
        guard a.count >= minimumTasks, h.count >= minimumTasks else { return nil }
        return exp(mean(a) - mean(h))
    }

    /// The size-matched ratio: within files-touched buckets (1, 2–3, 4–7, 8+) where both
    /// sides have tasks, the log ratios averaged with the bucket's task count as weight.
    package static func sizeMatched(ai: [(effort: Double, files: Int)], human: [(effort: Double, files: Int)]) -> Double? {
        func bucket(_ files: Int) -> Int { files <= 1 ? 0 : files <= 3 ? 1 : files <= 7 ? 2 : 3 }
        return stratified(ai: ai.map { ($0.effort, bucket($0.files)) }, human: human.map { ($0.effort, bucket($0.files)) })?.ratio
    }

    /// The within-person ratio: the same average over the people who did both AI and human
    /// tasks, so that who uses AI does not pass for what AI does; nil with fewer than 2 such people.
    package static func withinPerson(ai: [(effort: Double, person: String)], human: [(effort: Double, person: String)]) -> (
        ratio: Double, people: Int
    )? {
        guard let result = stratified(ai: ai.map { ($0.effort, $0.person) }, human: human.map { ($0.effort, $0.person) }),
            result.strata >= 2
        else { return nil }
        return (result.ratio, result.strata)
    }

    /// Within each stratum where both sides have tasks, the difference of mean log efforts,
    /// averaged with the stratum's task count as weight (strata in order: the same sum in every run).
    static func stratified<Stratum: Hashable & Comparable>(
        ai: [(effort: Double, stratum: Stratum)], human: [(effort: Double, stratum: Stratum)]
    ) -> (ratio: Double, strata: Int)? {
        var a: [Stratum: [Double]] = [:]
        var h: [Stratum: [Double]] = [:]
        for item in ai where item.effort > 0 { a[item.stratum, default: []].append(log(item.effort)) }
        for item in human where item.effort > 0 { h[item.stratum, default: []].append(log(item.effort)) }
        var weighted = 0.0
        var weights = 0.0
        var strata = 0
        for stratum in a.keys.sorted() {
            guard let logsAI = a[stratum], let logsHuman = h[stratum] else { continue }
            let weight = Double(logsAI.count + logsHuman.count)
            weighted += weight * (mean(logsAI) - mean(logsHuman))
            weights += weight
            strata += 1
        }
        return weights > 0 ? (exp(weighted / weights), strata) : nil
    }

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    /// One resample with replacement: its mean log and its sum, without building an array.
    private static func resample(
        _ values: [Double], _ logs: [Double], _ generator: inout SeededGenerator
    ) -> (meanLog: Double, sum: Double) {
        var logSum = 0.0
        var sum = 0.0
        let count = values.count
        values.withUnsafeBufferPointer { values in
            logs.withUnsafeBufferPointer { logs in
                for _ in 0..<count {
                    let index = generator.index(below: count)
                    logSum += logs[index]
                    sum += values[index]
                }
            }
        }
        return (logSum / Double(count), sum)
    }
}
