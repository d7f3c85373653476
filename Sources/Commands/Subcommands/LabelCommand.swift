import Foundation
import Model
import Storage
import Support
import Tasks

/// `multiplier label`: a person's correction of a task's category or AI flag, kept across rebuilds.
enum LabelCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "label", summary: "correct a task's category or AI flag (kept across every rebuild)",
            usage: "label TASK CATEGORY | label TASK --ai yes|no | label --import FILE.csv",
            options: [
                .value("--ai", "yes|no", "whether the task was AI-assisted"),
                .value("--import", "FILE", "CSV with a header: task,category,ai (category or ai may be empty)"),
                TaskBuilding.configOption,
            ],
            positionals: [
                ("TASK", "a task id (or a unique prefix of 4+ characters) or key, as 'multiplier tasks' lists"),
                ("CATEGORY", Category.names),
            ],
            minimumPositionals: 0, maximumPositionals: 2,
            discussion: """
                Labels win over the rules. With 20 or more labels, a naive Bayes model over the same signals is
                trained from them and blended with the rules; 'multiplier classify --evaluate' measures both.
                """),
        run: run)

    static func run(_ context: CommandContext) throws -> ExitCode {
        let positionals = context.arguments.positionals
        let database = try context.openDatabase()
        let tasks = try TaskBuilding.tasks(context, database: database)
        var labels: [Label] = []
        if let file = context.arguments.value("--import") {
            guard positionals.isEmpty, !context.arguments.has("--ai") else {
                throw UsageError("--import takes no TASK, CATEGORY or --ai", command: "label")
            }
            labels = try importLabels(context.absolute(file), tasks: tasks)
        } else {
            guard let argument = positionals.first else {
                throw UsageError("give a TASK and a CATEGORY, a TASK and --ai yes|no, or --import FILE", command: "label")
            }
            let task = try TaskBuilding.find(argument, in: tasks, command: "label")
            let category = try positionals.dropFirst().first.map { try self.category($0) }
            let ai = try context.arguments.value("--ai").map { try flag($0) }
            guard category != nil || ai != nil else {
                throw UsageError("give a CATEGORY or --ai yes|no for task \(task.id)", command: "label")
            }
            labels = [label(task, category: category, ai: ai)]
        }
        let store = TaskStore(database: database)
        let now = Int64(Date().timeIntervalSince1970)
        try database.transaction { for label in labels { try store.setLabel(label, time: now) } }
        try TaskBuilding.rebuild(context, database: database)
        context.console.line("\(labels.count) label\(labels.count == 1 ? "" : "s") saved")
        return .success
    }

    static func label(_ task: WorkTask, category: Category?, ai: Bool?) -> Label {
        Label(repository: task.repository, key: task.key, firstCommit: task.commits.first?.hash ?? "", category: category, ai: ai)
    }

    static func category(_ name: String) throws -> Category {
        guard let category = Category(rawValue: name) else {
            let suggestion = EditDistance.nearest(to: name, among: Category.allCases.map(\.rawValue))
                .map { " (did you mean '\($0)'?)" } ?? ""
            throw UsageError("unknown category '\(name)'\(suggestion); expected one of: \(Category.names)", command: "label")
        }
        return category
    }

    static func flag(_ value: String) throws -> Bool {
        switch value.lowercased() {
        case "yes", "true", "1": return true
        case "no", "false", "0": return false
        default: throw UsageError("--ai expects yes or no, not '\(value)'", command: "label")
        }
    }

    /// Reads `task,category,ai` rows; any bad row stops the import with its line (nothing is saved).
    static func importLabels(_ path: String, tasks: [WorkTask]) throws -> [Label] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError.missingInput("cannot read \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandError.badData("\(path):\(UTF8Validation.firstInvalidLine(Array(data)) ?? 1): expected UTF-8 text")
        }
        let records: [CSV.Record]
        do { records = try CSV.parse(text) } catch { throw CommandError.badData("\(path):\(error.line): \(error.message)") }
        guard let header = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
            let taskColumn = header.firstIndex(of: "task")
        else {
            throw CommandError.badData("\(path):1: expected a header with a 'task' column and 'category' and/or 'ai'")
        }
        let categoryColumn = header.firstIndex(of: "category")
        let aiColumn = header.firstIndex(of: "ai")
        guard categoryColumn != nil || aiColumn != nil else {
            throw CommandError.badData("\(path):1: expected a 'category' or an 'ai' column beside 'task'")
        }
        var labels: [Label] = []
        // A task labelled twice would keep whichever row came last: the second is refused with the first's line.
        var lineOfTask: [String: Int] = [:]
        for record in records.dropFirst() {
            func cell(_ column: Int?) -> String? {
                guard let column, column < record.fields.count else { return nil }
                let value = record.fields[column].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            let place = "\(path):\(record.line)"
            guard let id = cell(taskColumn) else { throw CommandError.badData("\(place): expected a task id") }
            let task: WorkTask
            do { task = try TaskBuilding.find(id, in: tasks, command: "label") } catch let error as UsageError {
                throw CommandError.badData("\(place): \(error.message)")
            }
            var category: Category?
            if let name = cell(categoryColumn) {
                guard let parsed = Category(rawValue: name) else {
                    throw CommandError.badData("\(place): unknown category '\(name)'; expected one of: \(Category.names)")
                }
                category = parsed
            }
            var ai: Bool?
            if let value = cell(aiColumn) {
                guard ["yes", "no", "true", "false", "1", "0"].contains(value.lowercased()) else {
                    throw CommandError.badData("\(place): ai expects yes or no, not '\(value)'")
                }
                ai = ["yes", "true", "1"].contains(value.lowercased())
            }
            guard category != nil || ai != nil else {
                throw CommandError.badData("\(place): expected a category or an ai value for task \(id)")
            }
            if let earlier = lineOfTask[task.id] {
                throw CommandError.badData("\(place): task \(id) (\(task.id)) is labelled on line \(earlier) already; keep one row per task")
            }
            lineOfTask[task.id] = record.line
            labels.append(label(task, category: category, ai: ai))
        }
        return labels
    }
}
