import Model
import Support

/// Predicted categories against known ones: accuracy, per-category precision and recall,
/// and the confusion matrix. Tasks without a known category (`truth` nil) are counted
/// apart: they show where the classifier puts work the labels do not name.
package struct ClassificationScore: Sendable, Equatable {
    /// Truth (nil: unlabelled) → predicted category → count.
    package private(set) var confusion: [Category?: [Category: Int]] = [:]

    package init() {}

    package mutating func add(truth: Category?, predicted: Category) {
        confusion[truth, default: [:]][predicted, default: 0] += 1
    }

    package mutating func merge(_ other: ClassificationScore) {
        for (truth, row) in other.confusion {
            for (predicted, count) in row { confusion[truth, default: [:]][predicted, default: 0] += count }
        }
    }

    /// The categories that occur as labels, in declaration order.
    package var labels: [Category] { Category.allCases.filter { confusion[$0] != nil } }
    package var labelled: Int { labels.reduce(0) { $0 + count(truth: $1) } }
    package var unlabelled: Int { confusion[nil]?.values.reduce(0, +) ?? 0 }
    package var correct: Int { labels.reduce(0) { $0 + (confusion[$1]?[$1] ?? 0) } }
    package var accuracy: Double { labelled == 0 ? 0 : Double(correct) / Double(labelled) }

    package func count(truth: Category?) -> Int { confusion[truth]?.values.reduce(0, +) ?? 0 }

    /// Of the tasks labelled `category`, the share predicted so.
    package func recall(_ category: Category) -> Double {
        let total = count(truth: category)
        return total == 0 ? 0 : Double(confusion[category]?[category] ?? 0) / Double(total)
    }

    /// Of the labelled tasks predicted `category`, the share labelled so (unlabelled tasks left out).
    package func precision(_ category: Category) -> Double {
        let predicted = labels.reduce(0) { $0 + (confusion[$1]?[category] ?? 0) }
        return predicted == 0 ? 0 : Double(confusion[category]?[category] ?? 0) / Double(predicted)
    }

    /// Of the unlabelled tasks, the share put in one of the labels' categories.
    package var unlabelledInLabelledCategories: Double {
        let total = unlabelled
        guard total > 0 else { return 0 }
        let inside = labels.reduce(0) { $0 + (confusion[nil]?[$1] ?? 0) }
        return Double(inside) / Double(total)
    }

    // MARK: - Tables

    static func percent(_ value: Double) -> String { Format.fixed(value * 100, 1) + "%" }

    /// Per label: tasks, precision, recall.
    package func categoryTable() -> (header: [String], rows: [[String]]) {
        let rows = labels.map { [$0.rawValue, "\(count(truth: $0))", Self.percent(precision($0)), Self.percent(recall($0))] }
        return (["CATEGORY", "LABELLED", "PRECISION", "RECALL"], rows)
    }

    /// Rows: labels (and "(unlabelled)"); columns: every category predicted.
    package func confusionTable() -> (header: [String], rows: [[String]]) {
        let predicted = Category.allCases.filter { category in confusion.values.contains { $0[category] != nil } }
        var truths: [Category?] = labels
        if unlabelled > 0 { truths.append(nil) }
        let rows = truths.map { truth in
            [truth?.rawValue ?? "(unlabelled)"] + predicted.map { "\(confusion[truth]?[$0] ?? 0)" }
        }
        return (["LABEL \\ PREDICTED"] + predicted.map(\.rawValue), rows)
    }

    /// The whole score as plain text: accuracy line, category table, confusion matrix.
    package func text() -> String {
        var text = "accuracy \(Self.percent(accuracy)) (\(correct) of \(labelled) labelled tasks)\n"
        if unlabelled > 0 {
            text += "unlabelled tasks put in a labelled category: \(Self.percent(unlabelledInLabelledCategories)) of \(unlabelled)\n"
        }
        let categories = categoryTable()
        text += "\n" + Format.table(header: categories.header, rows: categories.rows, width: 200, rightAligned: [1, 2, 3])
        let confusion = confusionTable()
        text += "\nconfusion (rows: label, columns: predicted)\n"
        text += Format.table(
            header: confusion.header, rows: confusion.rows, width: 400, rightAligned: Set(1..<confusion.header.count))
        return text
    }

    /// A Markdown table.
    package static func markdown(_ table: (header: [String], rows: [[String]])) -> String {
        var text = "| " + table.header.joined(separator: " | ") + " |\n"
        text += "|" + table.header.indices.map { $0 == 0 ? "---|" : "---:|" }.joined() + "\n"
        for row in table.rows { text += "| " + row.joined(separator: " | ") + " |\n" }
        return text
    }
}
