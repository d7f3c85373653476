import Foundation
import Model

/// A small naive Bayes model over the rule signals, trained from people's labels,
/// to blend with the rules once there are enough labels (20). Features are the
/// signals that fired (`family:detail`), present or absent; Laplace smoothing.
package struct LabelModel: Sendable {
    /// Below this many labels the model is not used.
    package static let minimumLabels = 20

    private var categoryCounts: [Category: Int] = [:]
    private var featureCounts: [Category: [String: Int]] = [:]
    private var vocabulary: Set<String> = []
    package private(set) var examples = 0

    /// The features of a task: the rule signals that fired, without labels and models.
    package static func features(_ evidence: [Evidence]) -> Set<String> {
        Set(evidence.filter { !["label", "model", "base"].contains($0.family) }.map { $0.family + ":" + $0.detail })
    }

    package init(examples: [(features: Set<String>, category: Category)]) {
        for example in examples {
            self.examples += 1
            categoryCounts[example.category, default: 0] += 1
            for feature in example.features { featureCounts[example.category, default: [:]][feature, default: 0] += 1 }
            vocabulary.formUnion(example.features)
        }
    }

    /// Posterior probability per category seen in training; empty without examples.
    package func posterior(_ features: Set<String>) -> [Category: Double] {
        guard examples > 0 else { return [:] }
        // Sorted, so that the sums (and the stored evidence) are the same in every process.
        let known = features.intersection(vocabulary).sorted()
        var logScores: [Category: Double] = [:]
        for (category, count) in categoryCounts {
            var score = log(Double(count) / Double(examples))
            let counts = featureCounts[category] ?? [:]
            for feature in known {
                // Bernoulli-style with add-one smoothing: how often the feature fired in this category.
                score += log((Double(counts[feature] ?? 0) + 1) / (Double(count) + 2))
            }
            logScores[category] = score
        }
        let top = logScores.values.max() ?? 0
        let exps = logScores.mapValues { exp($0 - top) }
        let sum = exps.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
        return exps.mapValues { $0 / sum }
    }

    /// The rules' evidence plus the model's, weighted so the model counts as much as the rules.
    package func blend(_ evidence: [Evidence]) -> [Evidence] {
        let ruleTotal = evidence.reduce(0) { $0 + $1.weight }
        let posterior = posterior(Self.features(evidence))
        let scale = max(ruleTotal, 1)
        let model = posterior.filter { $0.value >= 0.01 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
            Evidence(
                family: "model", detail: "naive Bayes from \(examples) labels: p = \(Self.percent($0.value))",
                category: $0.key, weight: $0.value * scale)
        }
        return evidence + model
    }

    private static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
}
