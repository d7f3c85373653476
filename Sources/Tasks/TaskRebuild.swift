import Classification
import Foundation
import Model
import Storage
import Support

/// Rebuilds the stored tasks from the stored commits, sessions and labels. The
/// tasks are computed in memory (effort depends on each author's whole history)
/// and only the tasks that changed are written, in one transaction.
package enum TaskRebuild {
    /// What a rebuild did.
    package struct Report: Sendable, Equatable {
        package var tasks: Int
        package var saved: TaskStore.SaveResult

        package init(tasks: Int, saved: TaskStore.SaveResult) {
            self.tasks = tasks
            self.saved = saved
        }
    }

    /// Builds and stores every task; with a console, its phases show on a terminal. With `inputs`
    /// (`TaskStore.inputDigest()` before the build), nothing is saved when they changed meanwhile.
    package static func run(database: Database, config: RuleConfig, console: Console? = nil, inputs: String? = nil) throws -> Report {
        var progress = console.map { Progress(console: $0, label: "building tasks") }
        defer { progress?.finish() }
        // Each progress message starts a stage: the one before it has let go of its indexes, whose
        // pages go back to the system before the next stage allocates its own.
        let tasks = try build(
            database: database, config: config,
            progress: { message in
                Allocator.releaseFreeMemory()
                progress?.show(message)
            })
        // The commits and the building's indexes are gone: give their pages back before saving.
        Allocator.releaseFreeMemory()
        progress?.show("saving \(tasks.count) tasks")
        let saved = try TaskStore(database: database).replaceAll(with: tasks, builtFrom: inputs)
        return Report(tasks: tasks.count, saved: saved)
    }

    /// Builds every task from what is stored, without saving. The stored tasks are this machine's
    /// view, as every command shows them: the sessions merged from other machines' exports are left
    /// out unless `includeMerged` (`--team`, the team's view, built for the run and not saved).
    package static func build(
        database: Database, config: RuleConfig, includeMerged: Bool = false, progress: (String) -> Void = { _ in }
    ) throws -> [WorkTask] {
        var config = config
        // `people merge` aliases join the configured ones.
        config.aliases = PersonAliases.resolved(config.aliases.merging(try TeamStore(database: database).aliases()) { _, stored in stored })
        let commitStore = CommitStore(database: database)
        progress("reading commits, sessions and reviews")
        // Bodies of merge commits only: task building reads no other (CommitStore.Messages).
        let histories = try commitStore.repositories().sorted { $0.root < $1.root }.map { repository in
            TaskBuilder.History(
                root: repository.root, commits: try commitStore.commits(repositoryID: repository.id, messages: .mergeBodies),
                present: FileManager.default.fileExists(atPath: repository.root))
        }
        let sessions = try SessionStore(database: database).activities().filter { includeMerged || $0.machine == nil }
        let labels = try TaskStore(database: database).labels()
        let reviews = ReviewStore(database: database)
        // The builder consumes the histories: each repository's commits go once its tasks are built.
        return TaskBuilder(config: config).build(
            consume histories, sessions: sessions, labels: labels, pullRequests: try reviews.pullRequests(),
            timeEntries: try reviews.timeEntries(), progress: progress)
    }

    /// The configuration: `--config FILE` when given, else the first `.multiplier.json`
    /// found at the root of a stored repository (sorted by path), else the defaults.
    package static func config(database: Database, explicitPath: String?) throws -> RuleConfig {
        if let explicitPath { return try RuleConfig.load(path: explicitPath) }
        for repository in try CommitStore(database: database).repositories().sorted(by: { $0.root < $1.root }) {
            let path = repository.root + "/.multiplier.json"
            if FileManager.default.fileExists(atPath: path) { return try RuleConfig.load(path: path) }
        }
        return RuleConfig()
    }
}
