import Classification
import Model
import Support

extension ClassifyBenchmark {
    /// `MultiplierBench classify-mistakes CATEGORY [SET]`: leave one repository out, every labelled row of
    /// `category` classified otherwise ("missed") and every row classified `category` whose label differs
    /// ("wrong"), with its strongest evidence: what to read before changing a rule or the model.
    static func mistakes(path: String, category name: String) throws -> String {
        guard let category = Category(rawValue: name) else { throw BenchError("no category '\(name)'") }
        let rows = try load(path)
        var lines: [String] = []
        for held in Set(rows.map(\.repository)).sorted() {
            let model = BaseModel.trainPruned(rows.filter { $0.repository != held }.map(\.trainingExample))
            let classifier = Classifier(baseModel: model)
            let heldRows = rows.filter { $0.repository == held }
            let results = Parallel.map(heldRows) { classifier.classify(TaskTraits(files: $0.files, subjects: [$0.subject])) }
            for (row, result) in zip(heldRows, results) where row.label != nil {
                let missed = row.label == category && result.category != category
                let wrong = row.label != category && result.category == category
                guard missed || wrong else { continue }
                let evidence = result.evidence.prefix(4).map { "\($0.category.rawValue) \(Format.fixed($0.weight, 2)) \($0.family) \($0.detail)" }
                lines.append(
                    [missed ? "missed" : "wrong(\(row.label?.rawValue ?? "-"))", held, result.category.rawValue, row.subject,
                     row.files.prefix(3).joined(separator: " ") + (row.files.count > 3 ? " +\(row.files.count - 3)" : ""),
                     evidence.joined(separator: "; ")].joined(separator: "\t"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
