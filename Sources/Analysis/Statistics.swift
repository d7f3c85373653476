import Foundation

/// The few statistics the figures need, deterministic and allocation-light.
package enum Statistics {
    /// The geometric mean of positive values; nil when there are none.
    package static func geometricMean(_ values: [Double]) -> Double? {
        let positive = values.filter { $0 > 0 }
        guard !positive.isEmpty else { return nil }
        return exp(positive.reduce(0) { $0 + log($1) } / Double(positive.count))
    }

    /// The median; nil for no values.
    package static func median(_ values: [Double]) -> Double? {
        quantile(values, 0.5)
    }

    /// Linear-interpolated quantile (the definition R and NumPy use by default); nil for no values.
    package static func quantile(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return quantile(sorted: sorted, q)
    }

    package static func quantile(sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// Φ(x), the standard normal distribution function.
    package static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// Student's t distribution's 97.5% point for `freedom` degrees of freedom (any real ≥ 1), by
    /// the Cornish–Fisher expansion about the normal's 1.959964: within 0.3% of the tables from
    /// 3 degrees of freedom on (4: 2.775 for 2.776; 10: 2.2281 for 2.2281), and 1.96 for many.
    package static func studentT975(_ freedom: Double) -> Double {
        let z = 1.959_963_985
        let v = max(freedom, 1)
        let (z3, z5, z7, z9) = (z * z * z, z * z * z * z * z, pow(z, 7), pow(z, 9))
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
            + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v * v * v * v)
    }

    /// Spearman's rank correlation (ties get their average rank); nil below 3 pairs or
    /// when one side is constant.
    package static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
        guard x.count == y.count, x.count >= 3 else { return nil }
        let rx = ranks(x)
        let ry = ranks(y)
        let mx = rx.reduce(0, +) / Double(rx.count)
        let my = ry.reduce(0, +) / Double(ry.count)
        var covariance = 0.0
        var vx = 0.0
        var vy = 0.0
        for index in rx.indices {
            covariance += (rx[index] - mx) * (ry[index] - my)
            vx += (rx[index] - mx) * (rx[index] - mx)
            vy += (ry[index] - my) * (ry[index] - my)
        }
        guard vx > 0, vy > 0 else { return nil }
        return covariance / (vx * vy).squareRoot()
    }

    /// 1-based ranks, ties averaged.
    package static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let average = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = average }
            start = end + 1
        }
        return ranks
    }
}
