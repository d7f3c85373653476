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
    /// The same weights arranged for classifying: built once per model.
    private let index: FeatureIndex
    package var featureCount: Int { weights.count }

    package init(weights: [String: [Float]]) {
        self.weights = weights
        index = FeatureIndex(weights)
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
        let stripped = ConventionalCommit.strippingPrefix(subject)
        // On bytes for ASCII (without a carriage return, which joins a line feed into one character).
        if stripped.allUTF8Bytes({ $0 < 0x80 && $0 != 0x0D }) {
            let bytes = Array(stripped.utf8)
            let space = UInt8(ascii: " ")
            var end = bytes.count
            while end > 0 && bytes[end - 1] == space { end -= 1 }
            if end > 0, bytes[end - 1] == UInt8(ascii: ")"), let open = bytes[..<end].lastIndex(of: UInt8(ascii: "(")),
                open + 1 < end, bytes[open + 1] == UInt8(ascii: "#")
            {
                end = open
                while end > 0 && bytes[end - 1] == space { end -= 1 }
            }
            return end == bytes.count ? stripped : String(decoding: bytes[..<end], as: UTF8.self)
        }
        var text = Substring(stripped)
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
        return Self.normalised(scores, temperature: temperature)
    }

    /// Summed log-likelihoods to probabilities: tempered, "other" biased, soft-maxed.
    private static func normalised(_ sums: [Double], temperature: Double) -> [Double] {
        var scores = sums
        for index in scores.indices { scores[index] /= temperature }
        scores[classes.count] += otherBias
        let top = scores.max() ?? 0
        let exps = scores.map { exp($0 - top) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }

    // MARK: - Prediction on resolved features

    /// A task's features as the model's rows (ascending, each once) with their weights: what
    /// `features(subjects:files:kinds:)` and `posterior(_:)` compute, without a string per feature.
    package struct Resolved: Sendable {
        fileprivate var rows: [(row: Int, weight: Double)]
        /// Whether a subject word or word pair is one the model learned (`knowsSubject`).
        package var knowsSubject: Bool
    }

    /// `features(subjects:files:kinds:)` looked up in the model: the same features with the same weights,
    /// those the model does not know left out (they still count toward the path features' share).
    package func resolved(subjects: [String], files: [String], kinds: [PathRules.Kind]) -> Resolved {
        resolved(subjects: subjects, paths: files.map(PathRules.PathBytes.init), kinds: kinds)
    }

    /// `resolved(subjects:files:kinds:)` of paths already read as bytes.
    func resolved(subjects: [String], paths: [PathRules.PathBytes], kinds: [PathRules.Kind]) -> Resolved {
        var rows: [(row: Int, weight: Double)] = []
        var knowsSubject = false
        var ranges: [Range<Int>] = []
        for subject in subjects {
            let stripped = Self.strippedSubject(subject)
            if !index.subjectTablesHaveOtherKeys, stripped.allUTF8Bytes({ $0 < 0x80 }) {
                // An ASCII subject's words are looked up as ranges of its lowered bytes, pairs without joining.
                let bytes = Array(stripped.utf8)
                let lowered = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
                ranges.removeAll(keepingCapacity: true)
                WordRules.appendASCIIWordRanges(of: bytes[...], to: &ranges)
                if let first = ranges.first, let row = index.firstWordBytes.value(lowered[first]) { rows.append((row, 1)) }
                for position in ranges.indices {
                    if let row = index.wordBytes.value(lowered[ranges[position]]) {
                        rows.append((row, 1))
                        knowsSubject = true
                    }
                    if position > 0,
                        let row = index.pairBytes.value(lowered[ranges[position - 1]], UInt8(ascii: "_"), lowered[ranges[position]])
                    {
                        rows.append((row, 1))
                        knowsSubject = true
                    }
                }
                continue
            }
            let words = WordRules.words(in: stripped)
            if let first = words.first, let row = index.firstWords[first] { rows.append((row, 1)) }
            for position in words.indices {
                if let row = index.words[words[position]] {
                    rows.append((row, 1))
                    knowsSubject = true
                }
                if position > 0, let pairs = index.pairs[words[position - 1]], let row = pairs[words[position]] {
                    rows.append((row, 1))
                    knowsSubject = true
                }
            }
        }
        // Path features: distinct ones share one weight, known or not; the known are told apart by their
        // row, the unknown by their text within their family. ASCII paths are read on bytes alone (there,
        // equal bytes are equal strings); any other path makes the task's features strings, as they were.
        var pathRows: [Int] = []
        var unknownBytes = UnknownFeatures<HashedBytes>()
        var unknownTexts = UnknownFeatures<String>()
        let onBytes = !index.tablesHaveOtherKeys && paths.allSatisfy(\.isASCII)
        func offer(_ bytes: ArraySlice<UInt8>, _ tag: FeatureIndex.Tag) {
            if onBytes {
                let hash = ByteTable<Int>.hash(bytes)
                let row: Int? =
                    switch tag {
                    case .pathWord: index.pathWordBytes.value(bytes, hash: hash)
                    case .name: index.nameBytes.value(bytes, hash: hash)
                    case .fileExtension: index.extensionBytes.value(bytes, hash: hash)
                    }
                if let row { known(row) } else { unknownBytes.insert(HashedBytes(hash: hash, bytes: bytes), tag: tag) }
                return
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let row = index.table(tag)[text] { known(row) } else { unknownTexts.insert(text, tag: tag) }
        }
        // Each known row once: a bit per row (a large change repeats its folders' words hundreds of times).
        var seen = [UInt64](repeating: 0, count: index.rowCount / 64 + 1)
        func known(_ row: Int) {
            let bit: UInt64 = 1 << UInt64(row % 64)
            guard seen[row / 64] & bit == 0 else { return }
            seen[row / 64] |= bit
            pathRows.append(row)
        }
        var kindMask = 0
        for (position, path) in paths.enumerated() {
            kindMask |= kinds[position].bit
            let bytes = path.lowered
            let slash = bytes.lastIndex(of: UInt8(ascii: "/"))
            // Folder words: the runs of ASCII letters and digits before the last slash.
            var start = -1
            for position in 0..<(slash ?? 0) {
                if FeatureIndex.isWordByte(bytes[position]) {
                    if start < 0 { start = position }
                } else if start >= 0 {
                    offer(bytes[start..<position], .pathWord)
                    start = -1
                }
            }
            if start >= 0 { offer(bytes[start..<(slash ?? 0)], .pathWord) }
            // The name and its extension (after the last dot, unless the name starts with it; else none).
            let name = bytes[((slash ?? -1) + 1)...]
            guard !name.isEmpty else { continue }
            offer(name, .name)
            if let dot = name.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex {
                offer(name[(dot + 1)...], .fileExtension)
            } else {
                offer(name[name.endIndex...], .fileExtension)
            }
        }
        // Path rows are marked with a weight of -1 until their share is known, after the one sort below.
        for row in pathRows { rows.append((row, -1)) }
        for kind in PathRules.Kind.allCases where kindMask & kind.bit != 0 {
            if let row = index.kinds[kind.bit.trailingZeroBitCount] { rows.append((row, 1)) }
        }
        if kindMask != 0, let row = index.kindSets[kindMask] { rows.append((row, 1)) }
        let count = paths.count
        if let row = index.fileCounts[count == 0 ? 0 : count == 1 ? 1 : count <= 3 ? 2 : count <= 10 ? 3 : 4] {
            rows.append((row, 1))
        }
        // In row order, which is the features' key order: `posterior(_:)` sums in that order.
        rows.sort { $0.row < $1.row }
        var distinct: [(row: Int, weight: Double)] = []
        distinct.reserveCapacity(rows.count)
        var distinctPathRows = 0
        for item in rows where distinct.last?.row != item.row {
            distinct.append(item)
            if item.weight < 0 { distinctPathRows += 1 }
        }
        let pathFeatureCount = distinctPathRows + unknownBytes.count + unknownTexts.count
        if distinctPathRows > 0 {
            let share = Self.pathWeight / Double(pathFeatureCount).squareRoot()
            for index in distinct.indices where distinct[index].weight < 0 { distinct[index].weight = share }
        }
        return Resolved(rows: distinct, knowsSubject: knowsSubject)
    }

    /// Bytes with their `ByteTable` hash, compared by it first.
    private struct HashedBytes: Hashable {
        var hash: Int
        var bytes: ArraySlice<UInt8>

        static func == (lhs: HashedBytes, rhs: HashedBytes) -> Bool {
            lhs.hash == rhs.hash && lhs.bytes.elementsEqual(rhs.bytes)
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    /// The distinct path features a model does not know, per family: a task has a handful, kept in
    /// arrays, until there are so many that sets are cheaper.
    private struct UnknownFeatures<Key: Hashable> {
        var pathWords: [Key] = []
        var names: [Key] = []
        var extensions: [Key] = []
        var sets: (pathWords: Set<Key>, names: Set<Key>, extensions: Set<Key>)?
        var count: Int {
            guard let sets else { return pathWords.count + names.count + extensions.count }
            return sets.pathWords.count + sets.names.count + sets.extensions.count
        }

        mutating func insert(_ key: Key, tag: FeatureIndex.Tag) {
            if sets == nil, count >= 32 { sets = (Set(pathWords), Set(names), Set(extensions)) }
            if sets != nil {
                switch tag {
                case .pathWord: sets?.pathWords.insert(key)
                case .name: sets?.names.insert(key)
                case .fileExtension: sets?.extensions.insert(key)
                }
                return
            }
            switch tag {
            case .pathWord: if !pathWords.contains(key) { pathWords.append(key) }
            case .name: if !names.contains(key) { names.append(key) }
            case .fileExtension: if !extensions.contains(key) { extensions.append(key) }
            }
        }
    }

    /// `posterior(_:)` of resolved features: the same sums in the same order.
    package func posterior(_ features: Resolved, temperature: Double = BaseModel.temperature) -> [Double] {
        let width = Self.classes.count + 1
        var scores = [Double](repeating: 0, count: width)
        index.columns.withUnsafeBufferPointer { columns in
            for (row, weight) in features.rows {
                for column in 0..<width { scores[column] += weight * columns[row * width + column] }
            }
        }
        return Self.normalised(scores, temperature: temperature)
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
        self.init(weights: weights)
    }
}

/// A model's weights arranged for classifying: one row per feature in key order (so that summing by
/// row sums in the order `posterior(_:)` always did), a flat array of the rows' weights, and per
/// feature family a dictionary from the feature's text, without its prefix, to its row.
private struct FeatureIndex: Sendable {
    /// The path feature families, to tell unknown features apart.
    enum Tag { case pathWord, name, fileExtension }

    /// Row after row, one weight per class (`BaseModel.classes`, then other).
    var columns: [Double] = []
    var rowCount = 0
    var firstWords: [String: Int] = [:]
    var words: [String: Int] = [:]
    /// Word pairs by their first word, then their second.
    var pairs: [String: [String: Int]] = [:]
    var pathWords: [String: Int] = [:]
    var names: [String: Int] = [:]
    var extensions: [String: Int] = [:]
    /// Per kind, by the position of its bit, its `k:` row.
    var kinds: [Int?] = Array(repeating: nil, count: kindCount)
    /// `only:` rows by the set of kinds as a mask of their bits.
    var kindSets: [Int: Int] = [:]
    /// `nf:` rows by bucket: 0, 1, 2-3, 4-10, 11+.
    var fileCounts: [Int?] = Array(repeating: nil, count: 5)
    /// The path families' tables for lookups by bytes, and whether one of them left keys out.
    var pathWordBytes = ByteTable<Int>([:])
    var nameBytes = ByteTable<Int>([:])
    var extensionBytes = ByteTable<Int>([:])
    var tablesHaveOtherKeys = false
    /// The subject families' tables for lookups by bytes (pairs by their `first_second` text).
    var firstWordBytes = ByteTable<Int>([:])
    var wordBytes = ByteTable<Int>([:])
    var pairBytes = ByteTable<Int>([:])
    var subjectTablesHaveOtherKeys = false

    func table(_ tag: Tag) -> [String: Int] {
        switch tag {
        case .pathWord: pathWords
        case .name: names
        case .fileExtension: extensions
        }
    }


    static let kindCount = PathRules.Kind.allCases.count

    /// The bytes `WordRules.asciiWords` keeps in a lowered path: ASCII lower-case letters and digits.
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
    }

    init(_ weights: [String: [Float]]) {
        let kindOrdinals = Dictionary(uniqueKeysWithValues: PathRules.Kind.allCases.map { ($0.rawValue, $0.bit.trailingZeroBitCount) })
        let buckets = ["0": 0, "1": 1, "2-3": 2, "4-10": 3, "11+": 4]
        for (row, (feature, column)) in weights.sorted(by: { $0.key < $1.key }).enumerated() {
            columns += column.map(Double.init)
            guard let colon = feature.firstIndex(of: ":") else { continue }
            let key = String(feature[feature.index(after: colon)...])
            switch feature[..<colon] {
            case "f": firstWords[key] = row
            case "w": words[key] = row
            case "b":
                // Words hold no underscore, so a pair's key splits at its only one.
                let halves = key.split(separator: "_", omittingEmptySubsequences: false)
                if halves.count == 2 { pairs[String(halves[0]), default: [:]][String(halves[1])] = row }
            case "p": pathWords[key] = row
            case "n": names[key] = row
            case "e": extensions[key] = row
            case "k": if let ordinal = kindOrdinals[key] { kinds[ordinal] = row }
            case "only":
                let ordinals = key.split(separator: "+", omittingEmptySubsequences: false).map { kindOrdinals[String($0)] }
                if !ordinals.isEmpty, ordinals.allSatisfy({ $0 != nil }) {
                    kindSets[ordinals.reduce(0) { $0 | 1 << ($1 ?? 0) }] = row
                }
            case "nf": if let bucket = buckets[key] { fileCounts[bucket] = row }
            default: break
            }
        }
        rowCount = weights.count
        pathWordBytes = ByteTable(pathWords)
        nameBytes = ByteTable(names)
        extensionBytes = ByteTable(extensions)
        tablesHaveOtherKeys = pathWordBytes.hasOtherKeys || nameBytes.hasOtherKeys || extensionBytes.hasOtherKeys
        firstWordBytes = ByteTable(firstWords)
        wordBytes = ByteTable(words)
        var pairTexts: [String: Int] = [:]
        for (first, seconds) in pairs {
            for (second, row) in seconds { pairTexts[first + "_" + second] = row }
        }
        pairBytes = ByteTable(pairTexts)
        subjectTablesHaveOtherKeys = firstWordBytes.hasOtherKeys || wordBytes.hasOtherKeys || pairBytes.hasOtherKeys
    }
}
