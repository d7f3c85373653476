import Classification
import Foundation
import Model
import Storage
import Support
import Tasks

/// `multiplier classify --evaluate`: how well the rules, and the rules with the label
/// model, agree with people's labels (leave-one-out).
enum ClassifyCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "classify", summary: "rebuild task categories, or measure them against your labels (--evaluate)",
            usage: "classify [--evaluate [--conventional]] [--format text|json]",
            options: [
                .flag("--evaluate", "accuracy of rules alone and of rules plus the label model, leave-one-out"),
                .flag("--conventional", "with --evaluate: the commits' own conventional types (test:, docs:, perf:, ci:…) as labels"),
                .value("--format", "FORMAT", "text (default) or json"),
                TaskBuilding.configOption,
            ],
            discussion: """
                Without --evaluate, rebuilds every task (useful after editing .multiplier.json). With it, each
                labelled task is classified from its signals by the rules alone, and by the rules blended with a
                naive Bayes model trained on all other labels; per category, with a confusion matrix. With
                --conventional, every non-merge commit is classified as a one-commit task with its type(scope):
                prefix hidden, against the category its type names (test/tests, docs/doc, perf, ci/build, style,
                any type with scope deps); needs \(conventionalMinimum) such commits, else exits 65.
                """),
        run: run)

    /// The evaluation, as JSON prints it.
    struct Evaluation: Encodable {
        struct PerCategory: Encodable {
            var category: String
            var labels: Int
            var rules: Double
            var rulesAndModel: Double
        }
        var labels: Int
        var rules: Double
        var rulesAndModel: Double
        var modelActive: Bool
        var categories: [PerCategory]
        /// Label → predicted category (rules and model) → count.
        var confusion: [String: [String: Int]]
    }

    static func run(_ context: CommandContext) throws -> ExitCode {
        let format = context.arguments.value("--format") ?? "text"
        guard ["text", "json"].contains(format) else {
            throw UsageError("unknown format '\(format)' for 'classify'; expected text or json", command: "classify")
        }
        if context.arguments.has("--conventional") && !context.arguments.has("--evaluate") {
            throw UsageError("--conventional needs --evaluate", command: "classify")
        }
        let database = try context.openDatabase()
        guard context.arguments.has("--evaluate") else {
            // A rebuild of every task: keep large buffers out of the heaps (Allocator).
            Allocator.configureForLargeBuilds()
            let report = try TaskBuilding.rebuild(context, database: database, force: true)
            context.console.line("\(report.tasks) tasks classified (\(report.saved.changed + report.saved.added) changed)")
            return .success
        }
        if context.arguments.has("--conventional") {
            let classifier = Classifier(config: try TaskBuilding.config(context, database: database))
            let score = try conventional(database: database, classifier: classifier)
            if format == "json" {
                context.console.line(try JSONOutput.encode(ConventionalEvaluation(score)))
            } else {
                context.console.out(
                    "\(score.labelled) commits whose conventional type names a category, classified with the prefix hidden:\n"
                        + score.text())
            }
            return .success
        }
        let tasks = try TaskBuilding.tasks(context, database: database)
        let classifier = Classifier(config: try TaskBuilding.config(context, database: database))
        let evaluation = evaluate(tasks.filter(\.labelled), classifier: classifier)
        if format == "json" {
            context.console.line(try JSONOutput.encode(evaluation))
        } else {
            context.console.out(text(evaluation))
        }
        return .success
    }

    /// Fewer commits with a category-naming type than this, and the table would say little.
    static let conventionalMinimum = 20

    /// Every stored non-merge commit as a one-commit task, its type's category as the truth.
    static func conventional(database: Database, classifier: Classifier) throws -> ClassificationScore {
        let store = CommitStore(database: database)
        var score = ClassificationScore()
        var typed = 0
        var total = 0
        for repository in try store.repositories() {
            for commit in try store.commits(repositoryID: repository.id) where !commit.isMerge {
                let conventional = ConventionalCommit(subject: commit.subject)
                total += 1
                if conventional != nil { typed += 1 }
                let traits = TaskTraits(
                    files: commit.files.map(\.path), subjects: [ConventionalCommit.strippingPrefix(commit.subject)])
                score.add(truth: conventional?.label, predicted: classifier.classify(traits).category)
            }
        }
        guard score.labelled >= conventionalMinimum else {
            throw CommandError.badData(
                "of \(total) commits, \(typed) have a conventional type ('type: subject') and \(score.labelled) a type that "
                    + "names a category (test:, docs:, perf:, ci:, build:, style:, or scope deps); \(conventionalMinimum) are needed. "
                    + "Label 20+ tasks with 'multiplier label TASK CATEGORY', then run 'multiplier classify --evaluate'")
        }
        return score
    }

    /// `--conventional --format json`.
    struct ConventionalEvaluation: Encodable {
        struct PerCategory: Encodable {
            var category: String
            var labels: Int
            var precision: Double
            var recall: Double
        }
        var labels: Int
        var accuracy: Double
        var unlabelled: Int
        var unlabelledInLabelledCategories: Double
        var categories: [PerCategory]
        /// Label ("(unlabelled)" for other types) → predicted category → count.
        var confusion: [String: [String: Int]]

        init(_ score: ClassificationScore) {
            func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
            labels = score.labelled
            accuracy = rounded(score.accuracy)
            unlabelled = score.unlabelled
            unlabelledInLabelledCategories = rounded(score.unlabelledInLabelledCategories)
            categories = score.labels.map {
                PerCategory(
                    category: $0.rawValue, labels: score.count(truth: $0), precision: rounded(score.precision($0)),
                    recall: rounded(score.recall($0)))
            }
            var confusion: [String: [String: Int]] = [:]
            for (truth, row) in score.confusion {
                confusion[truth?.rawValue ?? "(unlabelled)"] = Dictionary(uniqueKeysWithValues: row.map { ($0.key.rawValue, $0.value) })
            }
            self.confusion = confusion
        }
    }

    static func evaluate(_ labelled: [WorkTask], classifier: Classifier) -> Evaluation {
        let examples = labelled.map { (features: LabelModel.features($0.evidence), category: $0.category) }
        var rulesRight: [Category: Int] = [:]
        var blendRight: [Category: Int] = [:]
        var totals: [Category: Int] = [:]
        var confusion: [String: [String: Int]] = [:]
        for (index, task) in labelled.enumerated() {
            let truth = task.category
            let ruleEvidence = task.evidence.filter { !["label", "model"].contains($0.family) }
            let byRules = classifier.decide(ruleEvidence).category
            var others = examples
            others.remove(at: index)
            let model = LabelModel(examples: others)
            let blended = classifier.decide(model.blend(ruleEvidence)).category
            totals[truth, default: 0] += 1
            if byRules == truth { rulesRight[truth, default: 0] += 1 }
            if blended == truth { blendRight[truth, default: 0] += 1 }
            confusion[truth.rawValue, default: [:]][blended.rawValue, default: 0] += 1
        }
        func share(_ right: Int, _ total: Int) -> Double { total == 0 ? 0 : (Double(right) / Double(total) * 1000).rounded() / 1000 }
        let categories = Category.allCases.filter { totals[$0] != nil }.map { category in
            Evaluation.PerCategory(
                category: category.rawValue, labels: totals[category] ?? 0,
                rules: share(rulesRight[category] ?? 0, totals[category] ?? 0),
                rulesAndModel: share(blendRight[category] ?? 0, totals[category] ?? 0))
        }
        return Evaluation(
            labels: labelled.count, rules: share(rulesRight.values.reduce(0, +), labelled.count),
            rulesAndModel: share(blendRight.values.reduce(0, +), labelled.count),
            modelActive: labelled.count >= LabelModel.minimumLabels, categories: categories, confusion: confusion)
    }

    static func text(_ evaluation: Evaluation) -> String {
        guard evaluation.labels > 0 else {
            return "no labels yet: label tasks with 'multiplier label TASK CATEGORY'\nor 'multiplier label --import FILE.csv'\n"
        }
        func percent(_ value: Double) -> String { Format.fixed(value * 100, 1) + "%" }
        var text = "\(evaluation.labels) labelled tasks, leave-one-out:\n"
        text += "  rules alone        \(percent(evaluation.rules))\n"
        text += "  rules + model      \(percent(evaluation.rulesAndModel))"
        text += evaluation.modelActive ? "\n" : "  (the model is used from \(LabelModel.minimumLabels) labels on; not yet)\n"
        text += "\n"
        text += Format.table(
            header: ["CATEGORY", "LABELS", "RULES", "RULES+MODEL"],
            rows: evaluation.categories.map { [$0.category, "\($0.labels)", percent($0.rules), percent($0.rulesAndModel)] },
            width: 200, rightAligned: [1, 2, 3])
        let labels = evaluation.categories.map(\.category)
        let predicted = Category.allCases.map(\.rawValue).filter { name in
            evaluation.confusion.values.contains { $0[name] != nil }
        }
        text += "\nconfusion (rows: label, columns: rules + model)\n"
        let rows = labels.map { label in [label] + predicted.map { "\(evaluation.confusion[label]?[$0] ?? 0)" } }
        text += Format.table(
            header: ["LABEL \\ PREDICTED"] + predicted, rows: rows, width: 400,
            rightAligned: Set(1..<(predicted.count + 1)))
        return text
    }
}
