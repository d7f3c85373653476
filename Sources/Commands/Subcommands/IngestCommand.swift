import Foundation
import Ingestion
import Model
import Storage
import Support
import Tasks

/// `multiplier ingest git|sessions …`: reads data into the database.
enum IngestCommand {
    static let kinds = ["git", "sessions", "reviews", "timelog"]
    /// `--tool` names → the tool names sessions are stored under. Every stored name (the one
    /// `sessions` and `status` print) is a `--tool` name too: `claude-code` as well as `claude`.
    static let tools = [
        "aider": "aider", "claude": "claude-code", "claude-code": "claude-code", "cline": "cline", "codex": "codex",
        "copilot": "copilot", "gemini": "gemini", "kilo-code": "kilo-code", "roo-code": "roo-code",
    ]

    /// The stored tool name for a `--tool` value.
    /// - Throws: `UsageError` with the nearest valid name.
    static func tool(named name: String, command: String) throws -> String {
        guard let known = tools[name] else {
            let names = tools.keys.sorted()
            let suggestion = EditDistance.nearest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw UsageError(
                "unknown tool '\(name)'\(suggestion); expected one of: \(names.joined(separator: ", "))",
                command: command)
        }
        return known
    }

    /// The stored tool names a `--tool` value takes: `cline` takes its forks too (Roo Code, Kilo Code),
    /// whose logs are Cline's format.
    /// - Throws: `UsageError` with the nearest valid name.
    static func tools(named name: String, command: String) throws -> [String] {
        let stored = try tool(named: name, command: command)
        return stored == "cline" ? ClineTaskReader.tools : [stored]
    }

    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "ingest", summary: "read git history, AI session logs, pull-request exports or time logs into the database (incremental)",
            usage: "ingest git PATH... [--all] | ingest sessions [PATH...] [--tool NAME] [--keep-prompts] [--strict] "
                + "| ingest reviews FILE [--repo REPO] | ingest timelog FILE",
            options: [
                .flag("--all", "git: every branch, tag and remote ref, not only HEAD"),
                .value("--tool", "NAME", "sessions: only claude (or claude-code), codex, aider, gemini, cline (with roo-code and kilo-code), roo-code, kilo-code or copilot"),
                .flag("--keep-prompts", "sessions: store prompt text (secrets redacted); default: only classifier words"),
                .flag("--strict", "sessions: exit 65 when a malformed line or a log was skipped, or a log held only unknown records"),
                .value("--repo", "REPO", "reviews: the ingested repository the export belongs to (needed when there are several)"),
                TaskBuilding.configOption,
            ],
            positionals: [
                ("KIND", "what to read: git, sessions, reviews (a gh pr list --json export) or timelog (CSV)"),
                ("PATH...", "git: a work tree or a folder inside one; sessions: log files or folders (default: each assistant's standard places)"),
            ],
            minimumPositionals: 1, maximumPositionals: nil,
            discussion: """
                git: a second run stores only what is new and says so ('0 new commits'); commits that a
                history rewrite left unreachable are kept but marked, and no longer counted. Checking
                out another branch is not a rewrite: what was read stays while a local branch holds it.
                A shallow clone's oldest commits have no size; after 'git fetch --unshallow' the next run
                reads the history behind them.
                sessions: logs are recognised by content. Unchanged files are skipped, grown ones read
                from where the last run stopped, rewritten ones read again; what a log no longer holds
                (replaced, begun again) stays, as a deleted log's sessions do. Secrets (API keys, tokens,
                private keys, password= assignments) never reach the database.
                """),
        run: run)

    static func run(_ context: CommandContext) throws -> ExitCode {
        // Every ingest may rebuild the tasks of the whole history: keep large buffers out of
        // the heaps so that each stage's memory goes back before the next (Allocator).
        Allocator.configureForLargeBuilds()
        let positionals = context.arguments.positionals
        let kind = positionals[0]
        guard kinds.contains(kind) else {
            let suggestion = EditDistance.nearest(to: kind, among: kinds).map { " (did you mean '\($0)'?)" } ?? ""
            throw UsageError(
                "unknown kind '\(kind)' for 'ingest'\(suggestion); expected one of: \(kinds.joined(separator: ", "))",
                command: "ingest")
        }
        let paths = Array(positionals.dropFirst())
        if kind == "sessions" { return try IngestSessions.run(context, paths: paths) }
        if kind == "reviews" || kind == "timelog" {
            guard paths.count == 1 else { throw UsageError("'ingest \(kind)' takes one FILE", command: "ingest") }
            return try kind == "reviews" ? reviews(context, file: context.absolute(paths[0]))
                : timelog(context, file: context.absolute(paths[0]))
        }
        guard !paths.isEmpty else { throw UsageError("'ingest git' needs at least one PATH", command: "ingest") }
        let database = try context.openDatabase()
        let ingestor = GitIngestor(database: database, console: context.notes, environment: context.environment)
        for path in paths {
            let result = try ingestor.ingest(path: context.absolute(path), allRefs: context.arguments.has("--all"))
            context.console.line(summary(result))
            if result.logsToReread > 0 {
                context.notes.note(
                    "note: \(result.logsToReread) session log(s) read before these commits were ingested hold sessions tied to "
                        + "no repository; the next 'ingest sessions' reads them again")
            }
        }
        try TaskBuilding.rebuild(context, database: database)
        return .success
    }

    /// `ingest reviews FILE`: pull requests of one ingested repository.
    static func reviews(_ context: CommandContext, file: String) throws -> ExitCode {
        let exported = try PullRequestExport.read(path: file)
        let database = try context.openDatabase()
        let repositories = try CommitStore(database: database).repositories()
        let repository: Repository
        if let name = context.arguments.value("--repo") {
            repository = try context.repository(name, among: repositories, command: "ingest")
        } else {
            guard repositories.count == 1, let only = repositories.first else {
                throw UsageError(
                    repositories.isEmpty
                        ? "ingest the repository first ('multiplier ingest git PATH'), then its reviews"
                        : "there are \(repositories.count) repositories: say which with --repo", command: "ingest")
            }
            repository = only
        }
        let (unique, repeated) = PullRequestExport.latestByNumber(exported)
        let pullRequests = unique
        let counts = try ReviewStore(database: database).upsert(pullRequests, repositoryID: repository.id)
        context.console.line(
            "\(file): \(pullRequests.count) pull request\(pullRequests.count == 1 ? "" : "s") for \(repository.root) (\(counts.new) new, \(counts.updated) updated, "
                + "\(counts.unchanged) unchanged)")
        if repeated > 0 {
            context.notes.note(
                "\(file): \(repeated) pull request number\(repeated == 1 ? " is" : "s are") listed more than once: "
                    + "the latest state of each is kept (merged over open, then the later activity)")
        }
        // Times that cannot happen (a merge or a first review before the pull request was opened):
        // those waits are left out of every figure.
        let impossible = pullRequests.filter(PullRequestExport.hasImpossibleTimes)
        if !impossible.isEmpty {
            let shown = impossible.prefix(5).map { "#\($0.number)" }.joined(separator: ", ") + (impossible.count > 5 ? ", …" : "")
            context.notes.note(
                "\(file): \(impossible.count) pull request\(impossible.count == 1 ? "" : "s") (\(shown)) "
                    + "\(impossible.count == 1 ? "was" : "were") merged, closed or first reviewed before \(impossible.count == 1 ? "it was" : "they were") "
                    + "created: \(impossible.count == 1 ? "its" : "their") waits are left out of the figures")
        }
        try TaskBuilding.rebuild(context, database: database)
        // Not one joins a task: most likely another repository's export (numbers repeat across them).
        let numbers = Set(pullRequests.map(\.number))
        let joined = try TaskStore(database: database).figures().filter {
            $0.repository == repository.root && $0.pullRequest.map(numbers.contains) == true
        }
        if !numbers.isEmpty, joined.isEmpty {
            context.notes.note(
                "\(file): none of its \(numbers.count) pull requests joins a task of \(repository.root) (by number, head "
                    + "branch or commits): is it another repository's export? --repo says which repository it is")
        }
        return .success
    }

    /// `ingest timelog FILE`: replaces what an earlier read of the same file stored.
    static func timelog(_ context: CommandContext, file: String) throws -> ExitCode {
        let entries = try TimeLog.read(path: file)
        let database = try context.openDatabase()
        let store = ReviewStore(database: database)
        let equal = try store.replaceTimeEntries(source: file, with: entries)
        for (other, count) in equal.sorted(by: { $0.key < $1.key }) {
            context.notes.note(
                "\(file): \(count) row\(count == 1 ? "" : "s") equal to rows read before from \(other) (a new download or a "
                    + "cumulative export): counted once")
        }
        let work = entries.filter { $0.activity == .work }.reduce(0) { $0 + $1.hours }
        let review = entries.filter { $0.activity == .review }.reduce(0) { $0 + $1.hours }
        context.console.line(
            "\(file): \(entries.count) entries, \(Format.fixed(work, 1)) h work and \(Format.fixed(review, 1)) h review "
                + "on \(Set(entries.map(\.task)).count) tasks")
        // Estimates that differ on one task's rows (of every file read): which one counts is said.
        let named = Set(entries.map { TimeEntry.taskKey($0.task) })
        let conflicts = TimeLogIndex.estimateConflicts(try store.timeEntries()).filter { named.contains(TimeEntry.taskKey($0.task)) }
        if let first = conflicts.first {
            func values(_ conflict: (task: String, values: [Double], used: Double)) -> String {
                conflict.values.map { Format.fixed($0, 1) }.joined(separator: ", ") + " h"
            }
            let rule = "(a review row's only where no work row has one)"
            if conflicts.count == 1 {
                context.notes.note(
                    "\(file): \(first.task)'s rows give different estimates (\(values(first))): its estimate is its earliest work "
                        + "row's, \(Format.fixed(first.used, 1)) h \(rule)")
            } else {
                let shown = conflicts.prefix(3).map { "\($0.task): \(values($0)) → \(Format.fixed($0.used, 1)) h" }
                context.notes.note(
                    "\(file): \(conflicts.count) tasks' rows give different estimates (\(shown.joined(separator: "; "))"
                        + "\(conflicts.count > 3 ? "; …" : "")): each task's estimate is its earliest work row's \(rule)")
            }
        }
        try TaskBuilding.rebuild(context, database: database)
        // A row for a key no task here carries counts for nothing: a typo, or work of another repository.
        if try !CommitStore(database: database).repositories().isEmpty {
            let tasks = try TaskStore(database: database).names().map {
                TimeLogIndex.TaskName(
                    key: $0.key, branch: $0.branch, pullRequest: $0.pullRequest, repository: $0.repository, start: $0.start, end: $0.end)
            }
            let unmatched = TimeLogIndex.unmatched(entries, tasks: tasks)
            if !unmatched.isEmpty {
                let shown = unmatched.prefix(5).joined(separator: ", ") + (unmatched.count > 5 ? ", …" : "")
                context.notes.note(
                    "\(file): \(unmatched.count) task name\(unmatched.count == 1 ? "" : "s") \(unmatched.count == 1 ? "matches" : "match") no task here (\(shown)); "
                        + "their rows count once a task with that key is ingested")
            }
            // Pull-request numbers repeat in every repository: a `PR #N` row dated when two of them
            // were open is shared between them.
            let ambiguous = TimeLogIndex.ambiguousPullRequests(entries, tasks: tasks)
            if let first = ambiguous.first {
                let number = TimeEntry.taskKey(first.task).lowercased()
                let shown = ambiguous.prefix(3).map { "\($0.task) (\($0.repositories.joined(separator: ", ")))" }.joined(separator: ", ")
                let one = ambiguous.count == 1
                context.notes.note(
                    "\(file): \(shown)\(ambiguous.count > 3 ? ", …" : "") name\(one ? "s" : "") pull requests of several repositories "
                        + "on \(one ? "its" : "their") rows' dates: shared between them by git hours; write "
                        + "\(first.repositories[0])\(number) to name one repository's")
            }
        }
        return .success
    }

    /// `acme-shop: 120 new commits (1,234 in all)`, plus rewrites and notes when there are any.
    static func summary(_ result: GitIngestResult) -> String {
        var parts = ["\(result.newCommits) new commit\(result.newCommits == 1 ? "" : "s")"]
        if result.unreachable > 0 { parts.append("\(result.unreachable) no longer reachable") }
        if result.notedCommits > 0 { parts.append("\(result.notedCommits) with git-ai notes") }
        return "\(result.repository.root): " + parts.joined(separator: ", ") + " (\(result.totalCommits) in all)"
    }
}
