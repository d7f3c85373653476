import Foundation
import Model
import Support

/// One row of a labelled commit set (`../shared/classification/commits.jsonl.gz` and the
/// test fixture cut from it): a commit's subject without its conventional prefix, its
/// paths, and the category its author's conventional type names (nil: unlabelled).
package struct LabelledCommit: Sendable, Equatable {
    package var repository: String
    package var subject: String
    package var files: [String]
    package var label: Category?

    package init(repository: String, subject: String, files: [String], label: Category?) {
        self.repository = repository
        self.subject = subject
        self.files = files
        self.label = label
    }

    /// What a line of the set that cannot be read looks like.
    package struct FormatError: Error, CustomStringConvertible {
        package var line: Int
        package var description: String { "line \(line): expected an object with repo, subject, files and label" }
    }

    /// Parses JSON Lines with `repo`, `subject`, `label` and `files` (`[path, added, deleted]` or a path).
    package static func parse(_ text: String) throws -> [LabelledCommit] {
        var rows: [LabelledCommit] = []
        for (index, line) in text.split(separator: "\n").enumerated() {
            guard
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let repository = object["repo"] as? String, let subject = object["subject"] as? String,
                let files = object["files"] as? [Any]
            else { throw FormatError(line: index + 1) }
            let paths = files.compactMap { ($0 as? [Any])?.first as? String ?? $0 as? String }
            let label = (object["label"] as? String).flatMap(Category.init(rawValue:))
            rows.append(LabelledCommit(repository: repository, subject: subject, files: paths, label: label))
        }
        return rows
    }

    /// The base model's training row: the label's column, or "other" for an unlabelled commit.
    package var trainingExample: BaseModel.Example {
        let column = label.flatMap { BaseModel.classes.firstIndex(of: $0) } ?? BaseModel.classes.count
        return BaseModel.Example(features: BaseModel.features(subjects: [subject], files: files), label: column, source: repository)
    }

    /// Each repository in turn held out: the base model trained on the others' rows, then every held-out
    /// row classified as a one-commit task by the rules and that model (`groups` merges rows into tasks).
    /// Returns the scores per repository; `rulesOnly` scores the rules without any model.
    package static func leaveOneRepositoryOut(
        _ rows: [LabelledCommit], rulesOnly: Bool = false, groups: ([LabelledCommit]) -> [[LabelledCommit]] = { $0.map { [$0] } }
    ) -> [String: ClassificationScore] {
        let repositories = Set(rows.map(\.repository)).sorted()
        var scores: [String: ClassificationScore] = [:]
        for held in repositories {
            let model = rulesOnly ? nil : BaseModel.trainPruned(rows.filter { $0.repository != held }.map(\.trainingExample))
            let classifier = Classifier(baseModel: model)
            var score = ClassificationScore()
            let tasks = groups(rows.filter { $0.repository == held })
            let predicted = Parallel.map(tasks) { task in
                // The set has no line counts: a task's commits weigh the same.
                classifier.classify(
                    TaskTraits(
                        files: Array(Set(task.flatMap(\.files))).sorted(), subjects: task.map(\.subject),
                        commits: task.count > 1 ? task.map { TaskTraits.Commit(subject: $0.subject, files: $0.files, lines: 0) } : [])
                ).category
            }
            for (task, category) in zip(tasks, predicted) {
                let labels = Set(task.compactMap(\.label))
                // A task whose commits carry different labels has no one truth: left out.
                guard labels.count <= 1 else { continue }
                score.add(truth: labels.first, predicted: category)
            }
            scores[held] = score
        }
        return scores
    }
}
