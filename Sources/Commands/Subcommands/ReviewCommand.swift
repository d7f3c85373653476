import Analysis
import Classification
import Foundation
import Ingestion
import Model
import Rendering
import Review
import Storage
import Support

/// `multiplier review`: the AI-assisted work to review first, by the checklist teams use for generated code.
enum ReviewCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "review", summary: "what AI-assisted work to review first, and why (findings with evidence)",
            usage: "review [--since WHEN] [--until WHEN] [--repo REPO] [--branch NAME | --range A..B] [--include-human] "
                + "[--format FORMAT] [--table NAME] [--out FILE]",
            options: [
                .value("--since", "WHEN", "tasks that ended at or after it: a date, an instant, a git ref or 2.weeks.ago (default: 4 weeks before --until)"),
                .value("--until", "WHEN", "tasks that ended before it (the same forms; default: now)"),
                .value("--repo", "REPO", "only this ingested repository (root path or name)"),
                .value("--branch", "NAME", "review the commits of this branch that are not on the default branch (before its pull request)"),
                .value("--range", "A..B", "review the commits in A..B"),
                .flag("--include-human", "also review tasks without AI assistance (to compare)"),
                .value("--format", "FORMAT", "text (default), markdown, json, csv or html"),
                .value("--table", "NAME", "csv: which table (tasks or findings; default: tasks)"),
                .value("--out", "FILE", "write to this file (csv without --table: a folder) instead of stdout"),
                TaskBuilding.configOption,
            ],
            positionals: [], minimumPositionals: 0, maximumPositionals: 0,
            discussion: """
                Reads only the lines the reviewed commits added (git log -p -U0, bounded; cached by commit) and runs five
                checks: weak-zone work, new and unknown dependencies, a second way of doing a thing, over-engineering and
                security blind spots (README, "Review checks"). Secrets in evidence are always redacted.
                """),
        run: run)

    static func run(_ context: CommandContext) throws -> ExitCode {
        let format = context.arguments.value("--format") ?? "text"
        guard ReportCommand.formats.contains(format) else {
            throw UsageError("unknown format '\(format)'; expected \(ReportCommand.formats.joined(separator: ", "))", command: "review")
        }
        let branch = context.arguments.value("--branch")
        let range = context.arguments.value("--range")
        let names = context.argumentNames
        if branch != nil && range != nil {
            throw UsageError("give \(names.name("--branch")) or \(names.name("--range")), not both", command: "review")
        }
        let database = try context.openDatabase(existing: true)
        let repositories = try CommitStore(database: database).repositories()
        guard !repositories.isEmpty else {
            throw CommandError.missingInput("no repository in the database; run 'multiplier ingest git PATH' first")
        }
        var scopeRepositories = repositories
        if let name = context.arguments.value("--repo") {
            scopeRepositories = [try context.repository(name, among: repositories, command: "review")]
        }
        let config = try TaskBuilding.config(context, database: database)
        let report: ReviewReport
        if branch != nil || range != nil {
            guard scopeRepositories.count == 1, let repository = scopeRepositories.first else {
                throw UsageError(
                    "\(names.name("--branch")) and \(names.name("--range")) need \(names.usage("--repo", placeholder: "REPO")) "
                        + "when several repositories are ingested", command: "review")
            }
            // As a window's review: the ratios from every task's figures, whole tasks only where needed.
            let (figures, whole) = try TaskBuilding.figures(context, database: database)
            report = try reviewRange(
                branch: branch, range: range, repository: repository, stored: whole ? figures : nil,
                ratios: categoryRatios(figures, settings: config.settings), database: database, context)
        } else {
            let root = scopeRepositories.count == 1 ? scopeRepositories[0].root : nil
            let window = try When.window(repository: root, context, command: "review")
            let until = window.until ?? Int64(Date().timeIntervalSince1970)
            let since = window.since ?? until - 28 * 86_400
            try When.checkOrder(since: since, until: until, context, command: "review")
            let roots = try scopeRepositories.reduce(into: Set<String>()) {
                $0.formUnion(try context.checkouts(of: $1, among: repositories, database: database))
            }
            let includeHuman = context.arguments.has("--include-human")
            // The ratios need every task's figures only; the window's tasks are read whole (their
            // commits), by the end-time index: an empty window reads no task's detail.
            let (figures, whole) = try TaskBuilding.figures(context, database: database)
            let ratios = categoryRatios(figures, settings: config.settings)
            // Refs bound the window as in the retro (`When.window`): a release's own commit is in it, the one before's is not.
            let stored = try whole ? figures : TaskStore(database: database).tasks(endingFrom: since, before: until == .max ? nil : until)
            let tasks = stored.filter { task in
                roots.contains(task.repository) && !task.bot && (task.ai || includeHuman) && When.holds(task.end, since: since, until: until)
            }
            let scope = (context.arguments.value("--repo") ?? (repositories.count == 1 ? repositories[0].name : "all repositories"))
                + " from \(When.bound(since)) to \(When.bound(until))"
            report = try review(tasks, ratios: ratios, database: database, context, scope: scope)
        }
        try ReportCommand.write(ReportBuilders.review(report), json: try JSONOutput.encode(report), format: format, context, command: "review")
        return .success
    }

    /// Reviews the commits of a branch not yet merged, or of a range, as one unit (before a pull request's review).
    /// - Parameter stored: every task whole when they are at hand; else the tasks that may hold the
    ///   range's commits are read from the database.
    static func reviewRange(
        branch: String?, range: String?, repository: Repository, stored: [WorkTask]?, ratios: [Category: Double],
        database: Database, _ context: CommandContext
    ) throws -> ReviewReport {
        let snapshot = RepositorySnapshot(git: GitInvocation(repository: repository.root, environment: context.environment))
        let (hashes, tip, label, base) = try rangeCommits(
            branch: branch, range: range, snapshot: snapshot, names: context.argumentNames)
        guard !hashes.isEmpty else {
            // Nothing to read (the default branch itself, or a branch already merged): say so, not "1 read".
            context.notes.note("note: \(label) has no commits of its own in \(repository.root); nothing to review")
            return Reviewer.review([], contexts: [:], scope: "\(repository.name) \(label)")
        }
        let diffs = try DiffCache(database: database, saves: !context.readOnly).diffs(
            hashes, repository: repository.root, environment: context.environment, console: context.notes)
        // Their authors, subjects and marks as git has them now (a branch's commits are often not ingested yet).
        let commits = try snapshot.log([tip], excluding: base)
        let tasksByCommit = Dictionary(
            try tasksHolding(commits, stored: stored, database: database).flatMap { task in task.commits.map { ($0.hash, task) } },
            uniquingKeysWith: { first, _ in first })
        // AI-marked: a mark of its own, or an ingested commit of an AI-assisted task (a linked session).
        let aiCommits = commits.filter { !$0.aiMarks.isEmpty || tasksByCommit[$0.hash]?.ai == true }.count
        let subject = commits.first?.subject ?? ""
        let more = commits.count > 1 ? " (and \(commits.count - 1) more commit\(commits.count == 2 ? "" : "s"))" : ""
        var authors: [String] = []
        for commit in commits where !authors.contains(commit.authorName) { authors.append(commit.authorName) }
        let unit = ReviewUnit(
            id: String(tip.prefix(12)), key: label, title: subject + more, repository: repository.root,
            author: authors.joined(separator: ", "), ai: aiCommits > 0, category: .unclassified,
            end: commits.map(\.authorTime).max() ?? 0, diffs: diffs, testDocAndLockPaths: testDocAndLockPaths(diffs))
        context.notes.note(
            "note: \(label): \(commits.count) commit\(commits.count == 1 ? "" : "s"), \(aiCommits) AI-marked or of an AI-assisted task; "
                + "all of them reviewed")
        let reviewContext = try reviewContext([unit], root: repository.root, tip: tip, ratios: ratios, environment: context.environment)
        return Reviewer.review([unit], contexts: [repository.root: reviewContext], scope: "\(repository.name) \(label)")
    }

    /// Every task that may hold one of `commits` (work commits: `RepositorySnapshot.log` leaves merges
    /// out), oldest first as `TaskStore.tasks()` returns them, so that the first task found for a
    /// commit is the one a look-up among all tasks finds. A task ends no earlier than its last work
    /// commit's author time (`WorkTask.end`): only the tasks ending at or after the earliest of the
    /// commits are read, instead of every task whole.
    static func tasksHolding(_ commits: [Commit], stored: [WorkTask]?, database: Database) throws -> [WorkTask] {
        if let stored { return stored }
        guard let earliest = commits.map(\.authorTime).min() else { return [] }
        return try TaskStore(database: database).tasks(endingFrom: earliest, before: nil)
    }

    /// Reviews `tasks`: reads what their commits added (cached), the trees at each repository's HEAD, and runs the checks.
    static func review(
        _ tasks: [WorkTask], ratios: [Category: Double], database: Database, _ context: CommandContext, scope: String
    ) throws -> ReviewReport {
        let cache = DiffCache(database: database, saves: !context.readOnly)
        var units: [ReviewUnit] = []
        var contexts: [String: ReviewContext] = [:]
        for root in Set(tasks.map(\.repository)).sorted() {
            let members = tasks.filter { $0.repository == root }
            let diffs = try cache.diffs(
                members.flatMap { task in task.commits.map(\.hash) }, repository: root, environment: context.environment,
                console: context.notes)
            let byHash = Dictionary(diffs.map { ($0.hash, $0) }, uniquingKeysWith: { first, _ in first })
            var here: [ReviewUnit] = []
            for task in members {
                let reviewed = reviewedCommits(task).compactMap { byHash[$0] }
                let touched = Set(task.commits.compactMap { byHash[$0.hash] }.flatMap { $0.files.map(\.path) })
                here.append(
                    ReviewUnit(
                        id: task.id, key: task.key, title: task.title, repository: task.repository, author: task.author,
                        ai: task.ai, category: task.category, end: task.end, churnedLines: task.churnedLines,
                        linesAdded: task.linesAdded, diffs: reviewed, touchedPaths: touched,
                        testDocAndLockPaths: testDocAndLockPaths(reviewed)))
            }
            contexts[root] = try reviewContext(here, root: root, tip: "HEAD", ratios: ratios, environment: context.environment)
            units += here
        }
        return Reviewer.review(units, contexts: contexts, scope: scope)
    }

    /// The files of `diffs` that are tests, docs or lock files by the classifier's path rules: the review's
    /// security-sensitive paths are code (Review may not import Classification, so it is told).
    static func testDocAndLockPaths(_ diffs: [CommitDiff]) -> Set<String> {
        Set(diffs.flatMap { $0.files.map(\.path) }.filter { path in
            switch PathRules.kind(of: path) {
            case .test, .docs, .lockFile: true
            default: false
            }
        })
    }

    /// The commits whose added lines are reviewed: the AI-marked ones of an AI task (all when none is marked,
    /// as when a session links the task), every commit of a human task.
    static func reviewedCommits(_ task: WorkTask) -> [String] {
        let marked = task.commits.filter { !$0.aiTools.isEmpty }
        return (task.ai && !marked.isEmpty ? marked : task.commits).map(\.hash)
    }

    /// The team's AI/human effort ratio per category, from every task (the retro's figures).
    static func categoryRatios(_ tasks: [WorkTask], settings: Settings) -> [Category: Double] {
        let retro = RetroAnalysis(settings: settings).run(tasks, since: nil, until: nil)
        var ratios: [Category: Double] = [:]
        for group in retro.categories {
            if let name = group.category, let category = Category(rawValue: name), let ratio = group.ratio { ratios[category] = ratio }
        }
        return ratios
    }

    /// The commits of `--branch NAME` (not on the default branch) or `--range A..B`, the tip, and a label.
    /// - Parameter names: how the messages name `--branch` and `--range` (a tool's `'branch'` and `'range'`).
    static func rangeCommits(
        branch: String?, range: String?, snapshot: RepositorySnapshot, names: ArgumentNames
    ) throws -> (hashes: [String], tip: String, label: String, excluded: [String]) {
        let root = snapshot.git.repository
        if let branch {
            guard let tip = snapshot.resolve(branch) else {
                throw CommandError.badData("\(names.name("--branch")) '\(branch)' does not name a commit in \(root)")
            }
            guard let base = snapshot.defaultBranch(besides: branch) else {
                let defaults = RepositorySnapshot.defaultBranchNames.joined(separator: ", ")
                throw CommandError.badData(
                    "\(root) has no default branch (origin/HEAD, or a branch named \(defaults)) to compare '\(branch)' with; "
                        + "give \(names.assignment("--range", "BASE..\(branch)"))")
            }
            return (try snapshot.commits([tip], excluding: [base]), tip, "branch \(branch)", [base])
        }
        let text = range ?? ""
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, !text.contains("..."), !parts[1].isEmpty else {
            throw UsageError("\(names.name("--range")) expects A..B, not '\(text)'", command: "review")
        }
        let from = parts[0].isEmpty ? "HEAD" : parts[0]
        guard let start = snapshot.resolve(from) else {
            throw CommandError.badData("\(names.name("--range")): '\(from)' does not name a commit in \(root)")
        }
        guard let tip = snapshot.resolve(parts[1]) else {
            throw CommandError.badData("\(names.name("--range")): '\(parts[1])' does not name a commit in \(root)")
        }
        return (try snapshot.commits([tip], excluding: [start]), tip, "range \(text)", [start])
    }

    /// What the checks need of the tree at the tip: its paths, manifests, the lines naming candidate
    /// abstractions, and the source files of the languages the units added lines in.
    static func reviewContext(
        _ units: [ReviewUnit], root: String, tip: String, ratios: [Category: Double], environment: [String: String]
    ) throws -> ReviewContext {
        let snapshot = RepositorySnapshot(git: GitInvocation(repository: root, environment: environment))
        let entries = try snapshot.files(at: tip)
        let paths = entries.map(\.path)
        let manifests = try snapshot.contents(of: paths.filter { Manifests.kind(of: $0) != nil }, at: tip)
        let names = Set(units.flatMap { OverEngineeringCheck.candidates($0).map(\.name) })
        var mentions: [String: [(path: String, line: Int, text: String)]] = [:]
        if !names.isEmpty {
            for hit in try snapshot.grep(words: names.sorted(), at: tip) {
                for name in names where hit.text.contains(name) { mentions[name, default: []].append(hit) }
            }
        }
        // Repeated code: files of the languages with added blocks, bounded (files, bytes per file).
        let languages = Set(units.flatMap { $0.lines.map(\.language) }.filter(\.isCode))
        var budget = RepeatedCodeScope.maximumBytes
        let candidates = entries.filter { entry in
            guard let size = entry.size, size <= RepeatedCodeScope.maximumFileBytes, budget >= size,
                languages.contains(Language(path: entry.path)), !RepeatedCodeScope.excluded(entry.path)
            else { return false }
            budget -= size
            return true
        }.prefix(RepeatedCodeScope.maximumFiles).map(\.path)
        let sources = try snapshot.contents(of: Array(candidates), at: tip, maximumBytes: RepeatedCodeScope.maximumFileBytes)
        return ReviewContext(ratios: ratios, manifests: manifests, paths: paths, mentions: mentions, sources: sources, units: units)
    }
}

/// Which files of the tree the repeated-code check compares against.
enum RepeatedCodeScope {
    static let maximumFiles = 4_000
    static let maximumFileBytes = 256 << 10
    /// All files together: what is read and hashed stays bounded on a monorepo.
    static let maximumBytes = 64 << 20

    /// Vendored, generated and minified files are not "the project's way".
    static func excluded(_ path: String) -> Bool {
        let lower = path.lowercased()
        return ["vendor/", "node_modules/", "third_party/", "dist/", "build/", ".min.", "generated"].contains { lower.contains($0) }
    }
}
