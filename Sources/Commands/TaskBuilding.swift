import Classification
import Foundation
import Model
import Storage
import Support
import Tasks

/// Task building as the commands use it: after every ingest, and on demand.
enum TaskBuilding {
    static let configOption = OptionSpec.value(
        "--config", "FILE", "classification rules and settings (default: .multiplier.json at a repository's root)")

    /// The configuration for this run (`--config FILE` or a repository's `.multiplier.json`).
    static func config(_ context: CommandContext, database: Database) throws -> RuleConfig {
        try TaskRebuild.config(database: database, explicitPath: context.arguments.value("--config").map(context.absolute))
    }

    /// Rebuilds the tasks and says what changed on stderr — unless nothing they are built from
    /// changed since the last build (the stored inputs, the configuration and this binary), when
    /// it says so and rebuilds nothing. `force` (`multiplier classify`) builds them all the same.
    @discardableResult
    static func rebuild(_ context: CommandContext, database: Database, force: Bool = false) throws -> TaskRebuild.Report {
        let config = try config(context, database: database)
        let store = TaskStore(database: database)
        let inputs = try store.inputDigest()
        let fingerprint = SHA256.hex(SHA256.hash(Array((inputs + "\n" + config.source + "\n" + buildIdentity).utf8)))
        if !force, try store.builtFrom() == fingerprint {
            let count = try store.taskCount()
            context.notes.note("tasks: \(count) in all (nothing new since they were built: none rebuilt)")
            return TaskRebuild.Report(tasks: count, saved: TaskStore.SaveResult(unchanged: count))
        }
        let report = try TaskRebuild.run(database: database, config: config, console: context.notes, inputs: inputs)
        let saved = report.saved
        if saved.superseded {
            // Another ingest stored commits or sessions while these tasks were built: its own build
            // has them, and saves what this one would have missed.
            context.notes.note("tasks: not saved: another ingest changed the commits or sessions while they were built, and builds them itself")
            return report
        }
        try store.setBuiltFrom(fingerprint)
        context.notes.note(
            "tasks: \(report.tasks) in all (\(saved.added) new, \(saved.changed) changed, \(saved.removed) removed)")
        return report
    }

    /// This binary: its path, size and modification time. Another build may classify, link or
    /// estimate otherwise, so its tasks are built afresh.
    static let buildIdentity: String = {
        guard let path = Bundle.main.executablePath,
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        else { return "unknown build" }  // then only the stored inputs and the configuration decide
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }()

    /// The stored tasks, building them first when the database has commits but no tasks yet
    /// (in memory only, when the database is open read-only).
    static func tasks(_ context: CommandContext, database: Database) throws -> [WorkTask] {
        guard let cache = context.readCache else { return try load(context, database: database) }
        return try cache.tasks(database: database) { try load(context, database: database) }
    }

    /// The tasks with `team`: the team's view, with the sessions merged from teammates' exports,
    /// built for this run (the stored tasks are this machine's view; `TaskRebuild.build`).
    static func tasks(_ context: CommandContext, database: Database, team: Bool) throws -> [WorkTask] {
        guard team, try !TeamStore(database: database).mergedMachines().isEmpty else { return try tasks(context, database: database) }
        return try TaskRebuild.build(database: database, config: config(context, database: database), includeMerged: true)
    }

    /// What the retro and the weekly compute from: every stored task's figures (`TaskStore.figures`,
    /// read from an index, no detail decoded), or whole tasks where those are at hand anyway (a
    /// long-lived process's cache, tasks built just now). `whole` says which.
    static func figures(_ context: CommandContext, database: Database) throws -> (tasks: [WorkTask], whole: Bool) {
        if context.readCache != nil { return (try tasks(context, database: database), true) }
        let store = TaskStore(database: database)
        if try store.taskCount() == 0, try !CommitStore(database: database).repositories().isEmpty {
            return (try load(context, database: database), true)
        }
        return (try store.figures(), false)
    }

    /// Every stored session with its sub-agents rolled in.
    static func activities(_ context: CommandContext, database: Database) throws -> [SessionActivity] {
        try context.readCache?.activities(database: database) ?? SessionStore(database: database).activities()
    }

    private static func load(_ context: CommandContext, database: Database) throws -> [WorkTask] {
        let store = TaskStore(database: database)
        if try store.taskCount() == 0, try !CommitStore(database: database).repositories().isEmpty {
            if database.isReadOnly { return try TaskRebuild.build(database: database, config: config(context, database: database)) }
            // An ingest running meanwhile that has stored its commits but not yet its tasks: this
            // build is not saved, and these figures are built for this run alone.
            if try rebuild(context, database: database).saved.superseded, try store.taskCount() == 0 {
                return try TaskRebuild.build(database: database, config: config(context, database: database))
            }
        }
        return try store.tasks()
    }

    /// The one task an argument names: an id or a unique id prefix (at least 4 characters), or a key.
    /// - Parameter listedBy: what lists the tasks' ids, for the message when none matches.
    static func find(
        _ argument: String, in tasks: [WorkTask], command: String, listedBy: String = "'multiplier tasks'"
    ) throws -> WorkTask {
        let lower = argument.lowercased()
        if let exact = tasks.first(where: { $0.id == lower }) { return exact }
        var matches = lower.count >= 4 ? tasks.filter { $0.id.hasPrefix(lower) } : []
        if matches.isEmpty { matches = tasks.filter { $0.key.lowercased() == lower } }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw UsageError("no task '\(argument)'; \(listedBy) lists their ids", command: command)
        }
        let list = matches.prefix(5).map { "\($0.id) (\(($0.repository as NSString).lastPathComponent) \($0.key))" }
        throw UsageError(
            "'\(argument)' names \(matches.count) tasks: \(list.joined(separator: ", ")); give the id", command: command)
    }
}
