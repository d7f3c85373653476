import Classification
import Foundation
import Model
import Support
import Tasks

#if canImport(Glibc)
    import Glibc
#endif

/// `MultiplierBench classify [PATH]`: the classifier on the development set of real labelled
/// commits (default `../shared/classification/commits.jsonl.gz`), leave one repository out;
/// `MultiplierBench train-classifier [PATH]`: the shipped base model from all of its rows.
enum ClassifyBenchmark {
    static let defaultPath = "../shared/classification/commits.jsonl.gz"
    /// Where `train-classifier` writes the model (the package root is the current folder under `swift run`).
    static let weightsPath = "Sources/Classification/BaseModel+Weights.swift"

    /// Reads a `.jsonl.gz` (through `gzip -dc`) or plain `.jsonl` set.
    static func load(_ path: String) throws -> [LabelledCommit] {
        guard FileManager.default.fileExists(atPath: path) else { throw BenchError("no development set at \(path)") }
        let text: String
        if path.hasSuffix(".gz") {
            let result = try StreamingProcess.run(
                "gzip", ["-dc", path], environment: ProcessInfo.processInfo.environment)
            guard result.status == 0 else { throw BenchError("gzip -dc \(path): \(result.error)") }
            text = String(decoding: result.output, as: UTF8.self)
        } else {
            text = try String(contentsOfFile: path, encoding: .utf8)
        }
        return try LabelledCommit.parse(text)
    }

    /// Commits of one repository merged into tasks by issue key or squash number (`(#N)`), else alone.
    static func tasksByKey(_ rows: [LabelledCommit]) -> [[LabelledCommit]] {
        var order: [String] = []
        var groups: [String: [LabelledCommit]] = [:]
        for (index, row) in rows.enumerated() {
            let key = IssueKeys.squashNumber(row.subject).map { "#\($0)" } ?? IssueKeys.inSubject(row.subject) ?? "row \(index)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        return order.compactMap { groups[$0] }
    }

    static func run(path: String) throws -> String {
        let rows = try load(path)
        let repositories = Set(rows.map(\.repository)).sorted()
        var loadedRules = ClassificationScore()
        var modelSeconds = 0.0
        var rules: [String: ClassificationScore] = [:]
        var combined: [String: ClassificationScore] = [:]
        var grouped: [String: ClassificationScore] = [:]
        let rulesSeconds = Benchmark.seconds { rules = LabelledCommit.leaveOneRepositoryOut(rows, rulesOnly: true) }
        modelSeconds = Benchmark.seconds { combined = LabelledCommit.leaveOneRepositoryOut(rows) }
        grouped = LabelledCommit.leaveOneRepositoryOut(rows, groups: tasksByKey)
        for score in rules.values { loadedRules.merge(score) }
        var overall = ClassificationScore()
        for score in combined.values { overall.merge(score) }
        var overallGrouped = ClassificationScore()
        for score in grouped.values { overallGrouped.merge(score) }
        let groupCount = overallGrouped.labelled + overallGrouped.unlabelled
        let multiCommit = repositories.reduce(0) { sum, repository in
            sum + tasksByKey(rows.filter { $0.repository == repository }).filter { $0.count > 1 }.count
        }

        // Speed: 100,000 one-commit tasks cycled from the set, classified with the shipped model.
        let classifier = Classifier()
        let traits = (0..<100_000).map { index in
            let row = rows[index * 7919 % rows.count]
            return TaskTraits(files: row.files, subjects: [row.subject])
        }
        var parallelTimes: [Double] = []
        var serialTime = 0.0
        for _ in 0..<3 {
            parallelTimes.append(Benchmark.seconds { _ = Parallel.map(traits) { classifier.classify($0).category } })
        }
        let cpuBefore = clock()
        serialTime = Benchmark.seconds { _ = traits.map { classifier.classify($0).category } }
        let serialCPU = Double(clock() - cpuBefore) / Double(CLOCKS_PER_SEC)

        func percent(_ value: Double) -> String { Format.fixed(value * 100, 1) + "%" }
        func fixed(_ value: Double, _ digits: Int = 2) -> String { Format.fixed(value, digits) }
        let date = Timestamp.iso8601(Int64(Date().timeIntervalSince1970))
        var text = """
            ## classification on the development set — \(date)

            | figure | value |
            |---|---|
            | set | \(path): \(rows.count) commits, \(overall.labelled) labelled, \(repositories.count) repositories |
            | shipped base model | \(BaseModel.shipped?.featureCount ?? 0) features |
            | rules alone (no model), labelled rows | accuracy \(percent(loadedRules.accuracy)); recall \(BaseModel.classes.map { "\($0.rawValue) \(percent(loadedRules.recall($0)))" }.joined(separator: ", ")); unlabelled rows put in a labelled category \(percent(loadedRules.unlabelledInLabelledCategories)) (\(fixed(rulesSeconds)) s) |
            | rules + base model, leave one repository out | accuracy **\(percent(overall.accuracy))**; recall \(BaseModel.classes.map { "\($0.rawValue) \(percent(overall.recall($0)))" }.joined(separator: ", ")); unlabelled rows put in a labelled category \(percent(overall.unlabelledInLabelledCategories)) (\(fixed(modelSeconds)) s with 8 trainings) |
            | grouped by issue key or `(#N)` (\(groupCount) tasks, \(multiCommit) of several commits), leave one repository out | accuracy \(percent(overallGrouped.accuracy)) |
            | classifying 100,000 one-commit tasks, shipped model | \(fixed(median(parallelTimes))) s on \(ProcessInfo.processInfo.activeProcessorCount) cores (median of 3; goal under 2 s), \(fixed(serialTime)) s on one (\(fixed(serialCPU)) s of CPU; load average \(loadAverage())) |

            Overall, rules + base model, leave one repository out:

            \(ClassificationScore.markdown(overall.categoryTable()))
            \(ClassificationScore.markdown(overall.confusionTable()))

            """
        text += "Per repository (held out; model trained on the other \(repositories.count - 1)):\n\n"
        var perRepository: [[String]] = []
        for repository in repositories {
            guard let score = combined[repository], let ruleScore = rules[repository] else { continue }
            perRepository.append(
                [repository, "\(score.labelled)", percent(ruleScore.accuracy), percent(score.accuracy)]
                    + BaseModel.classes.map { score.count(truth: $0) == 0 ? "-" : "\(percent(score.precision($0))) / \(percent(score.recall($0)))" }
                    + [percent(score.unlabelledInLabelledCategories)])
        }
        text += ClassificationScore.markdown(
            (["repository", "labelled", "rules alone", "rules + model"] + BaseModel.classes.map { "\($0.rawValue) P / R" }
                + ["unlabelled → labelled"], perRepository))
        for repository in repositories {
            guard let score = combined[repository] else { continue }
            text += "\n<details><summary>\(repository): confusion</summary>\n\n" + ClassificationScore.markdown(score.confusionTable())
            text += "\n</details>\n"
        }
        return text + "\n"
    }

    static func median(_ times: [Double]) -> Double { Benchmark.median(times) }

    /// The one-minute load average: on a shared machine the wall-clock figures depend on it.
    static func loadAverage() -> String {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) > 0 ? Format.fixed(loads[0], 1) : "-"
    }

    /// `MultiplierBench classify-tune [SET]`: leave-one-repository-out accuracy and recalls for a grid of the
    /// combination's two constants (`Classifier.baseModelWeight`, `Classifier.otherGate`), rules and
    /// posteriors computed once per row. How the shipped constants were chosen.
    static func tune(path: String) throws -> String {
        let rows = try load(path)
        let rules = Classifier(baseModel: nil)
        let temperatures = [1.0, 3]
        var cases: [(truth: Category?, evidence: [Evidence], probabilities: [[Double]])] = []
        for held in Set(rows.map(\.repository)).sorted() {
            let model = BaseModel.trainPruned(rows.filter { $0.repository != held }.map(\.trainingExample))
            let heldRows = rows.filter { $0.repository == held }
            cases += Parallel.map(heldRows) { row in
                let traits = TaskTraits(files: row.files, subjects: [row.subject])
                let features = BaseModel.features(subjects: [row.subject], files: row.files)
                let known = model.knowsSubject(features) && !row.files.isEmpty
                return (
                    row.label, rules.signals(traits),
                    known ? temperatures.map { model.posterior(features, temperature: $0) } : []
                )
            }
        }
        var text = "weight  gate  floor  domain  temperature  accuracy  " + BaseModel.classes.map(\.rawValue).joined(separator: "  ")
            + "  unlabelled→labelled\n"
        // Around the shipped constants (weight 3, gate 0, floor 0.7, domain gate 1, temperature 1).
        let grid: [(Double, Double, Double, Double, Int)] = [2.0, 3].flatMap { w in
            [0.5, 0.7].flatMap { f in [0.5, 1.0].flatMap { d in temperatures.indices.map { (w, 0.0, f, d, $0) } } }
        }
        for (weight, gate, floor, domainGate, temperature) in grid {
            var score = ClassificationScore()
            for item in cases {
                let evidence = item.probabilities.isEmpty ? item.evidence : Classifier.combined(
                    item.evidence, probability: item.probabilities[temperature], weight: weight, gate: gate, floor: floor,
                    domainGate: domainGate)
                score.add(truth: item.truth, predicted: rules.decide(evidence).category)
            }
            text += "\(weight)  \(gate)  \(floor)  \(domainGate)  \(temperatures[temperature])  \(Format.fixed(score.accuracy * 100, 1))  "
                + BaseModel.classes.map { Format.fixed(score.recall($0) * 100, 1) }.joined(separator: "  ")
                + "  \(Format.fixed(score.unlabelledInLabelledCategories * 100, 1))\n"
        }
        return text
    }

    /// The test fixture: per repository, the first `labelled` labelled and `unlabelled` unlabelled rows in
    /// SHA-256 order of subject and paths (a fixed pseudo-random cut), rows of more than 40 files left out;
    /// JSON Lines of repo, subject, label and paths.
    static func fixture(path: String, labelled: Int = 160, unlabelled: Int = 80) throws -> String {
        let rows = try load(path)
        var text = ""
        for repository in Set(rows.map(\.repository)).sorted() {
            let ordered = rows.filter { $0.repository == repository && $0.files.count <= 40 }
                .map { (SHA256.hex(SHA256.hash(Array(($0.subject + "\n" + $0.files.joined(separator: "\n")).utf8))), $0) }
                .sorted { $0.0 < $1.0 }.map(\.1)
            let chosen = ordered.filter { $0.label != nil }.prefix(labelled) + ordered.filter { $0.label == nil }.prefix(unlabelled)
            for row in chosen {
                let object: [String: Any] = [
                    "repo": row.repository, "subject": row.subject, "label": row.label?.rawValue ?? NSNull(), "files": row.files,
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                text += String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        return text
    }

    /// Trains on every row and writes the pruned model as Swift source; returns a summary.
    static func train(path: String) throws -> String {
        let rows = try load(path)
        let model = BaseModel.trainPruned(rows.map(\.trainingExample))
        let weights = model.serialized()
        // Rows whose subject has each rule word: the words' specificity (WordRules.specificity).
        let ruleWords = Set(WordRules.table.map(\.word))
        var frequency: [String: Int] = [:]
        for row in rows {
            for word in Set(WordRules.words(in: BaseModel.strippedSubject(row.subject))) {
                guard let match = WordRules.rules(for: word), ruleWords.contains(match.word) else { continue }
                frequency[match.word, default: 0] += 1
            }
        }
        let frequencyLines = frequency.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)," }
        let source = """
            // Written by `swift run -c release MultiplierBench train-classifier` from the development set
            // (\(rows.count) commits, \(rows.filter { $0.label != nil }.count) labelled); do not edit. METHOD.md, Classification.
            enum BaseModelWeights {
                /// Rows of the set: the N of the rule words' inverse document frequency.
                static let subjectRows = \(rows.count)
                /// Per rule word, the rows whose subject has it (a plural counted as its singular).
                static let documentFrequency: [String: Int] = [
            \(frequencyLines.map { "        " + $0 }.joined(separator: "\n"))
                ]
                /// The model, one feature a line: `feature<TAB>` centred log-probabilities of tests, docs,
                /// performance, config, maintenance and other.
                static let text = #\"\"\"
            \(weights)\"\"\"#
            }

            """
        try source.write(toFile: FileManager.default.currentDirectoryPath + "/" + weightsPath, atomically: true, encoding: .utf8)
        return "\(weightsPath): \(model.featureCount) features, \(source.utf8.count) bytes\n"
    }
}

/// A benchmark's failure, in one line.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
