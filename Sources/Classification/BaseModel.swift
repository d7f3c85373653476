import Foundation
import Model

/// A multinomial naive Bayes model learned offline from real labelled commits
/// (`MultiplierBench train-classifier`, METHOD.md "Classification"), shipped as
/// `BaseModel+Weights.swift`. It only speaks among the categories the training
/// labels can name (`classes`) and "other"; every other category stays with the rules.
///
/// Features: the subject's words, word pairs and first word; per file its folder
/// words, extension, file name and kind; the set of kinds ("only tests"); the number
/// of files. Path features share one weight that grows with the square root of their
/// count, so a 300-file change does not drown its subject.
package struct BaseModel: Sendable {
    /// The categories the model knows, in weight-column order; a last column is "other".
    package static let classes: [Category] = [.tests, .docs, .performance, .config, .maintenance]
    /// How much less likely "other" is taken than the counts say: the training rows over-sample the
    /// labelled categories' complement less than a team's history does, and a labelled category
    /// the rules cannot see is worse than an `other` they can.
    package static let otherBias = log(0.1)
    /// Training options of the shipped model, and of its leave-one-repository-out check: features in
    /// fewer rows, or whose largest centred weight is smaller, are dropped (keeps the text small).
    package static let minimumRows = 10
    package static let minimumSpread: Float = 1.0
    /// Features must be seen in this many repositories: the model learns what several teams' commits
    /// share, not one team's nouns.
    package static let minimumSources = 2
    /// Naive Bayes counts every feature as independent evidence, so its posteriors are overconfident
    /// (p = 100% from a handful of words); its log-likelihoods are divided by this before they are normalised.
    package static let temperature = 1.0
    /// Path features together weigh this much times the square root of their count.
    static let pathWeight = 1.0

    /// Per feature, one centred log-probability per class (`classes` then other).
    private var weights: [String: [Float]]
    package var featureCount: Int { weights.count }

    package init(weights: [String: [Float]]) {
        self.weights = weights
    }

    /// The model trained on the development set, parsed from the shipped text on first use.
    package static let shipped: BaseModel? = {
        // The text is generated and checked by a test; an unreadable or empty one leaves the rules alone.
        guard let model = try? BaseModel(text: BaseModelWeights.text), model.featureCount > 0 else { return nil }
        return model
    }()

    // MARK: - Features

    /// A task's features with their weights: subject features 1 each, path features sharing `pathWeight`·√n.
    package static func features(subjects: [String], files: [String], kinds: [PathRules.Kind]? = nil) -> [String: Double] {
        var features: [String: Double] = [:]
        for subject in subjects {
            let words = WordRules.words(in: strippedSubject(subject))
            if let first = words.first { features["f:" + first] = 1 }
            for (index, word) in words.enumerated() {
                features["w:" + word] = 1
                if index > 0 { features["b:" + words[index - 1] + "_" + word] = 1 }
            }
        }
        var pathFeatures: Set<String> = []
        var kindNames: Set<String> = []
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        for (index, path) in files.enumerated() {
            kindNames.insert((kinds?[index] ?? PathRules.kind(of: path)).rawValue)
            // On the lowered path's bytes: this runs for every file of every task.
            let bytes = Array(PathRules.asciiLowercased(path).utf8)
            var start = 0
            var position = 0
            while position <= bytes.count {
                if position == bytes.count || bytes[position] == slash {
                    if position > start {
                        let component = bytes[start..<position]
                        if position == bytes.count {
                            pathFeatures.insert("n:" + String(decoding: component, as: UTF8.self))
                            if let last = component.lastIndex(of: dot), last != component.startIndex {
                                pathFeatures.insert("e:" + String(decoding: component[(last + 1)...], as: UTF8.self))
                            } else {
                                pathFeatures.insert("e:")
                            }
                        } else {
                            for word in WordRules.asciiWords(in: String(decoding: component, as: UTF8.self)) {
                                pathFeatures.insert("p:" + word)
                            }
                        }
                    }
                    start = position + 1
                }
                position += 1
            }
        }
        if !pathFeatures.isEmpty {
            let share = pathWeight / Double(pathFeatures.count).squareRoot()
            for feature in pathFeatures { features[feature] = share }
        }
        for kind in kindNames { features["k:" + kind] = 1 }
        if !kindNames.isEmpty { features["only:" + kindNames.sorted().joined(separator: "+")] = 1 }
        let count = files.count
        features["nf:" + (count == 0 ? "0" : count == 1 ? "1" : count <= 3 ? "2-3" : count <= 10 ? "4-10" : "11+")] = 1
        return features
    }

    /// A subject without its conventional-commit prefix, issue key and trailing `(#N)`: the model
    /// was trained on subjects whose prefix was removed, and the rules read the prefix themselves.
    package static func strippedSubject(_ subject: String) -> String {
        var text = Substring(ConventionalCommit.strippingPrefix(subject))
        while text.hasSuffix(" ") { text = text.dropLast() }
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("),
            text[open...].dropFirst().hasPrefix("#")
        {
            text = text[..<open]
            while text.hasSuffix(" ") { text = text.dropLast() }
        }
        return String(text)
    }

    // MARK: - Prediction

    /// Whether any of the subject's words or word pairs is one the model learned.
    package func knowsSubject(_ features: [String: Double]) -> Bool {
        features.keys.contains { ($0.hasPrefix("w:") || $0.hasPrefix("b:")) && weights[$0] != nil }
    }

    /// Probability per class (`classes`, then other) of a feature set; features unknown to the model are ignored.
    package func posterior(_ features: [String: Double], temperature: Double = BaseModel.temperature) -> [Double] {
        var scores = [Double](repeating: 0, count: Self.classes.count + 1)
        // In key order: a Dictionary's order changes from process to process, and so would the
        // last bits of the sums, and with them the stored tasks.
        for (feature, weight) in features.sorted(by: { $0.key < $1.key }) {
            guard let column = weights[feature] else { continue }
            for index in scores.indices { scores[index] += weight * Double(column[index]) }
        }
        for index in scores.indices { scores[index] /= temperature }
        scores[Self.classes.count] += Self.otherBias
        let top = scores.max() ?? 0
        let exps = scores.map { exp($0 - top) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }

    // MARK: - Training

    /// A training row: its features, its label's column (`classes`, or `classes.count` for other) and
    /// where it comes from (a repository), so that no one source's run of similar commits teaches a word.
    package struct Example: Sendable {
        package var features: [String: Double]
        package var label: Int
        package var source: String

        package init(features: [String: Double], label: Int, source: String = "") {
            self.features = features
            self.label = label
            self.source = source
        }
    }

    /// Multinomial naive Bayes with weighted counts and additive smoothing `alpha`; features seen in fewer
    /// than `minimumRows` rows or in fewer than `minimumSources` sources (repositories) are dropped. Labels
    /// index `classes`; `classes.count` is other. Class priors are left out (uniform) on purpose: the
    /// development set's class mix is no team's.
    package static func train(
        _ examples: [Example], minimumRows: Int = 2, minimumSources: Int = 1, alpha: Double = 0.1
    ) -> BaseModel {
        let classCount = classes.count + 1
        var rows: [String: Int] = [:]
        var sources: [String: Set<String>] = [:]
        for example in examples {
            for feature in example.features.keys {
                rows[feature, default: 0] += 1
                if minimumSources > 1 { sources[feature, default: []].insert(example.source) }
            }
        }
        let vocabulary = rows.filter {
            $0.value >= minimumRows && (minimumSources <= 1 || (sources[$0.key]?.count ?? 0) >= minimumSources)
        }
        var counts: [String: [Double]] = [:]
        for example in examples {
            for (feature, weight) in example.features where vocabulary[feature] != nil {
                counts[feature, default: [Double](repeating: 0, count: classCount)][example.label] += weight
            }
        }
        // Summed in sorted order so that the model text is the same in every process.
        var totals = [Double](repeating: 0, count: classCount)
        for (_, column) in counts.sorted(by: { $0.key < $1.key }) {
            for index in column.indices { totals[index] += column[index] }
        }
        let size = Double(vocabulary.count)
        var weights: [String: [Float]] = [:]
        weights.reserveCapacity(counts.count)
        for (feature, column) in counts {
            let logs = column.indices.map { log((column[$0] + alpha) / (totals[$0] + alpha * size)) }
            let mean = logs.reduce(0, +) / Double(logs.count)
            weights[feature] = logs.map { Float($0 - mean) }
        }
        return BaseModel(weights: weights)
    }

    /// `train` and `pruned` with the shipped model's options.
    package static func trainPruned(_ examples: [Example]) -> BaseModel {
        train(examples, minimumRows: minimumRows, minimumSources: minimumSources).pruned(spread: minimumSpread)
    }

    /// Drops the features that barely separate the classes (largest centred weight under `spread`).
    package func pruned(spread: Float) -> BaseModel {
        BaseModel(weights: weights.filter { column in column.value.contains { abs($0) >= spread } })
    }

    // MARK: - Text form

    /// One feature a line, `feature<TAB>w1 w2 …` with two decimals, sorted: what `BaseModel+Weights.swift` holds.
    package func serialized() -> String {
        var text = ""
        // Features with a quote or backslash (rare file names) would end or escape the Swift raw string.
        for (feature, column) in weights.sorted(by: { $0.key < $1.key })
        where !feature.contains(where: { $0 == "\"" || $0 == "\\" || $0 == "\n" || $0 == "\t" }) {
            text += feature + "\t" + column.map { Self.decimal($0) }.joined(separator: " ") + "\n"
        }
        return text
    }

    static func decimal(_ value: Float) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// What went wrong reading the model text (a build defect, never user input).
    package struct FormatError: Error, CustomStringConvertible {
        package var line: Int
        package var description: String { "base model text: line \(line) is not 'feature<TAB>weights'" }
    }

    package init(text: String) throws {
        var weights: [String: [Float]] = [:]
        for (index, line) in text.split(separator: "\n").enumerated() {
            let parts = line.split(separator: "\t")
            let column = parts.count == 2 ? parts[1].split(separator: " ").compactMap { Float($0) } : []
            guard column.count == Self.classes.count + 1 else { throw FormatError(line: index + 1) }
            weights[String(parts[0])] = column
        }
        self.weights = weights
    }
}
