import Analysis
import Classification
import Foundation
import Model
import Support

/// Reading a backlog: a CSV file (`plan BACKLOG.csv`), or the forecast tool's `backlog` argument.
/// Both check their entries with `items(_:classifier:)`, and each says where a bad entry is in
/// its own terms: a file's line, or a JSON position.
extension PlanCommand {
    /// One backlog entry as given, before it is checked: a CSV row's cells, or an object of the
    /// forecast tool's `backlog`.
    struct Entry: Sendable, Equatable {
        var id: String
        var title: String
        /// Empty: classified from the title.
        var category: String
        /// The estimate in hours; nil when what was written is no decimal number (`three`, `0x10`).
        var estimate: Double?
        /// The estimate as written, for the message.
        var estimateText: String
        /// yes, no or auto; empty is auto.
        var ai: String
    }

    /// What is wrong with one entry of a backlog, without where the entry is: its reader says that
    /// (`description(at:)`).
    struct EntryError: Error, Equatable {
        enum Problem: Equatable {
            case noID
            /// The id (in any case) of the entry at index `first` too.
            case repeatedID(first: Int)
            case estimate
            case ai
            case category
        }

        /// Where an entry is, in its reader's terms.
        enum Places: Equatable {
            /// A CSV file: `lines[i]` is the line of entry `i`; a field is named by its column.
            case csv(path: String, lines: [Int])
            /// A tool's argument: entry `i` is `name[i]`, its fields `name[i].field`.
            case argument(String)
        }

        /// The entry's index among those read.
        var entry: Int
        var problem: Problem
        /// The field's value as given.
        var value: String

        /// The field the problem is in, by its column's (and JSON member's) name.
        var field: String {
            switch problem {
            case .noID, .repeatedID: "id"
            case .estimate: "estimate_hours"
            case .ai: "ai"
            case .category: "category"
            }
        }

        /// The message: `backlog.csv:4: id 'A' is already on line 2; …`, or
        /// `'backlog[2].id' 'A' is already the id of backlog[0]; …`.
        func description(at places: Places) -> String {
            let start: String
            let other: (Int) -> String
            switch places {
            case .csv(let path, let lines):
                func line(_ index: Int) -> Int { lines.indices.contains(index) ? lines[index] : 0 }
                start = "\(path):\(line(entry)): \(field)"
                other = { "on line \(line($0))" }
            case .argument(let name):
                start = "'\(name)[\(entry)].\(field)'"
                other = { "the id of \(name)[\($0)]" }
            }
            let value = self.value.prefix(80)
            switch problem {
            case .noID: return "\(start) is empty; each task needs one"
            case .repeatedID(let first): return "\(start) '\(value)' is already \(other(first)); each task needs its own id"
            case .estimate:
                return "\(start) must be a number of hours above 0 and at most \(PlanCommand.maximumEstimate), not '\(value)'"
            case .ai: return "\(start) must be yes, no or auto, not '\(value)'"
            case .category: return "\(start): unknown category '\(value)'; valid: \(Model.Category.names)"
            }
        }
    }

    /// Reads a backlog; every problem names the file and line (exit 65).
    static func read(_ path: String, classifier: Classifier) throws -> [BacklogItem] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandError.missingInput("cannot read \(path)") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandError.badData("\(path):\(UTF8Validation.firstInvalidLine(Array(data)) ?? 1): expected UTF-8 text")
        }
        return try backlog(text, source: path, classifier: classifier)
    }

    /// Parses a backlog's CSV text; every problem names `source` and the line (exit 65).
    static func backlog(_ text: String, source path: String, classifier: Classifier) throws -> [BacklogItem] {
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch { throw CommandError.badData("\(path):\(error.line): \(error.message)") }
        let required = ["id", "title", "category", "estimate_hours", "ai"]
        guard let header = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw CommandError.badData("\(path): the backlog is empty; expected a header \(required.joined(separator: ",")) and one row per task")
        }
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw CommandError.badData("\(path):1: missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); expected \(required.joined(separator: ","))")
        }
        // A column named twice: which of the two is meant cannot be told.
        if let twice = required.first(where: { name in header.filter { $0 == name }.count > 1 }) {
            throw CommandError.badData("\(path):1: the column \(twice) is named twice; expected it once")
        }
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? 0 }
        var entries: [Entry] = []
        var lines: [Int] = []
        for record in records.dropFirst() {
            func cell(_ name: String) -> String {
                let index = column(name)
                return index < record.fields.count ? record.fields[index].trimmingCharacters(in: .whitespaces) : ""
            }
            if let expected = CSV.fieldCountMismatch(record, header: header) {
                throw CommandError.badData("\(path):\(record.line): expected \(expected)")
            }
            // Hours as a decimal number: Swift's parser also takes hexadecimal (`0x10`) and exponents.
            let written = cell("estimate_hours")
            let estimate = written.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) ? Double(written) : nil
            entries.append(
                Entry(
                    id: cell("id"), title: cell("title"), category: cell("category"), estimate: estimate, estimateText: written,
                    ai: cell("ai")))
            lines.append(record.line)
        }
        guard !entries.isEmpty else {
            throw CommandError.badData("\(path): the backlog has a header but no tasks")
        }
        do {
            return try items(entries, classifier: classifier)
        } catch {
            throw CommandError.badData(error.description(at: .csv(path: path, lines: lines)))
        }
    }

    /// The backlog's tasks from its entries, in order; an empty category is classified from the title.
    /// - Throws: `EntryError` for the first entry without an id or with another's (ids ignore case, as
    ///   issue keys do), an estimate not above 0 or over the maximum, an unknown `ai` or category.
    static func items(_ entries: [Entry], classifier: Classifier) throws(EntryError) -> [BacklogItem] {
        var items: [BacklogItem] = []
        var firstOfID: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            let id = entry.id.trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw EntryError(entry: index, problem: .noID, value: entry.id) }
            // Issue keys ignore case: `A-1` and `a-1` are one task.
            if let first = firstOfID[id.lowercased()] {
                throw EntryError(entry: index, problem: .repeatedID(first: first), value: id)
            }
            firstOfID[id.lowercased()] = index
            guard let estimate = entry.estimate, estimate.isFinite, estimate > 0, estimate <= BacklogItem.maximumEstimateHours else {
                throw EntryError(entry: index, problem: .estimate, value: entry.estimateText)
            }
            let choice = entry.ai.trimmingCharacters(in: .whitespaces).lowercased()
            guard let ai = BacklogItem.AIChoice(rawValue: choice.isEmpty ? "auto" : choice) else {
                throw EntryError(entry: index, problem: .ai, value: entry.ai)
            }
            let title = entry.title.trimmingCharacters(in: .whitespaces)
            let written = entry.category.trimmingCharacters(in: .whitespaces)
            let category: Model.Category
            if written.isEmpty {
                category = classifier.classify(TaskTraits(subjects: [title])).category
            } else {
                guard let parsed = Model.Category(rawValue: written.lowercased()) else {
                    throw EntryError(entry: index, problem: .category, value: entry.category)
                }
                category = parsed
            }
            items.append(
                BacklogItem(id: id, title: title, category: category, classified: written.isEmpty, estimateHours: estimate, ai: ai))
        }
        return items
    }
}
