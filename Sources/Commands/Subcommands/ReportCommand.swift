import Analysis
import Classification
import Foundation
import Ingestion
import Model
import Rendering
import Review
import Storage
import Support
import Tasks

/// `multiplier report weekly|retro|practices`: what the team reads, in five formats.
enum ReportCommand {
    static let formats = ["text", "markdown", "json", "csv", "html"]

    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "report", summary: "the weekly report, a retrospective or the ways of working (text, markdown, json, csv, html)",
            usage: "report weekly [--week 2026-W47] [--no-review] | report practices [--since WHEN] [--until WHEN] [--repo REPO] [--team] | report retro [--since WHEN] [--until WHEN] [--repo REPO] "
                + "[--paths GLOB] [--exclude GLOB] [--team] [--by-person] [--min-evidence weak|strong] [--review] [--format FORMAT] "
                + "[--table NAME] [--out FILE]",
            options: [
                .value("--week", "WEEK", "weekly: an ISO week such as 2026-W47 (default: the last complete week)"),
                .value(
                    "--since", "WHEN",
                    "retro: a date, an instant, git's relative form (2.weeks.ago) or a git ref (v1.4.0: tasks after its commit, "
                        + "and the release's AI share by git blame too)"),
                .value("--until", "WHEN", "retro: the same forms; tasks that ended before it (a ref: up to and with its commit)"),
                .value("--repo", "REPO", "only this ingested repository (root path or name)"),
                .value("--paths", "GLOB", "only these files count (gitignore-style; repeat or separate with commas)"),
                .value("--exclude", "GLOB", "these files do not count (repeat or separate with commas)"),
                .flag("--team", "include the sessions merged from teammates' exports ('multiplier merge')"),
                .flag("--by-person", "add per-person figures (never for fewer than 3 people)"),
                .value(
                    "--min-evidence", "LEVEL",
                    "weak (default): every session link counts; strong: a task linked to AI by time overlap or a shared file alone counts as human"),
                .flag(
                    "--review",
                    "retro: how often each review check fired on AI and human work, and rework afterwards (reads the diffs of "
                        + "every task in the period from git, once: they are cached)"),
                .flag(
                    "--no-review",
                    "weekly: leave out 'Review these first' (the week's five riskiest AI tasks by 'multiplier review', "
                        + "read from the week's diffs)"),
                .value("--format", "FORMAT", "text (default), markdown, json, csv or html"),
                .value("--table", "NAME", "csv: which table (default: all, one file each with --out DIR)"),
                .value("--out", "FILE", "write to this file (csv without --table: a folder) instead of stdout"),
                TaskBuilding.configOption,
            ],
            positionals: [("KIND", "weekly, retro or practices")], minimumPositionals: 1, maximumPositionals: 1,
            discussion: """
                Figures as Sources/METHOD.md defines them: AI/human effort ratios with 95% bootstrap intervals
                (fixed seed: the same database prints the same report), zone and end-to-end effects, review
                overhead, churn, calibration of the git estimator and the AI share of lines. 'practices' compares
                AI-assisted tasks plan-first against code-first and before against after each substantial change of
                a context file (CLAUDE.md, AGENTS.md, …), and reports prototype branches apart.
                """),
        run: run)

    /// "Review these first" of a weekly report: the week's five riskiest AI-assisted tasks by
    /// `multiplier review`, each with its first three reasons. `history` gives the category ratios.
    static func reviewFirst(
        _ members: [WorkTask], history: [WorkTask], settings: Settings, database: Database, _ context: CommandContext,
        week: ISOWeek
    ) throws -> [ReviewHighlight] {
        let review = try ReviewCommand.review(
            members.filter { $0.ai && !$0.bot }, ratios: ReviewCommand.categoryRatios(history, settings: settings),
            database: database, context, scope: "week \(week)")
        return review.items.prefix(5).map { item in
            ReviewHighlight(
                id: item.id, key: item.key, title: item.title, risk: item.risk,
                reasons: item.findings.prefix(3).map { finding in
                    (finding.file.map { "\($0)\(finding.line.map { ":\($0)" } ?? ""): " } ?? "") + finding.reason
                })
        }
    }

    static func run(_ context: CommandContext) throws -> ExitCode {
        let kind = context.arguments.positionals[0]
        guard ["weekly", "retro", "practices"].contains(kind) else {
            throw UsageError("unknown report '\(kind)'; expected weekly, retro or practices", command: "report")
        }
        let format = context.arguments.value("--format") ?? "text"
        guard formats.contains(format) else {
            let suggestion = EditDistance.nearest(to: format, among: formats).map { " (did you mean '\($0)'?)" } ?? ""
            throw UsageError("unknown format '\(format)'\(suggestion); expected \(formats.joined(separator: ", "))", command: "report")
        }
        // An option another kind of report reads would be dropped without a word.
        if kind == "weekly", let option = ["--since", "--until"].first(where: { context.arguments.value($0) != nil }) {
            throw UsageError(
                "\(option) is for report retro and report practices; a weekly report covers one ISO week: give --week 2026-W47",
                command: "report")
        }
        if kind != "weekly", context.arguments.value("--week") != nil {
            throw UsageError("--week is for report weekly; give \(kind) a window with --since and --until", command: "report")
        }
        try refuseOptionsOfOtherKinds(kind, context)
        let database = try context.openDatabase(existing: true)
        var config = try TaskBuilding.config(context, database: database)
        let paths = list("--paths", context)
        let excludes = list("--exclude", context)
        let team = context.arguments.has("--team")
        let merged = try TeamStore(database: database).mergedMachines()
        var tasks: [WorkTask]
        // Figures only (no titles, commits, sessions or evidence) unless whole tasks are at hand:
        // `wholeTasks(_:where:)` loads the rest for the tasks a section shows or reads from git.
        var whole = true
        // The stored tasks are this machine's view (TaskRebuild.build): `--team` builds the team's when there is one.
        if paths.isEmpty && excludes.isEmpty && !(team && !merged.isEmpty) {
            if kind == "practices" {
                // Practices reads each task's linked sessions: whole tasks.
                tasks = try TaskBuilding.tasks(context, database: database)
            } else {
                (tasks, whole) = try TaskBuilding.figures(context, database: database)
            }
        } else {
            // Restricting files (sizes, churn and signals change) or leaving merged sessions out:
            // build the tasks afresh, without saving.
            config.only = paths.map(Glob.init)
            config.ignore += excludes.map(Glob.init)
            tasks = try TaskRebuild.build(database: database, config: config, includeMerged: team)
            if !paths.isEmpty || !excludes.isEmpty { tasks = tasks.filter { $0.filesTouched > 0 } }
        }
        let repositories = try CommitStore(database: database).repositories()
        if let name = context.arguments.value("--repo") {
            let repository = try context.repository(name, among: repositories, command: "report")
            let roots = try context.checkouts(of: repository, among: repositories, database: database)
            tasks = tasks.filter { roots.contains($0.repository) }
        }
        /// `tasks` with the ones that match made whole (read from the store by id).
        func wholeTasks(_ tasks: [WorkTask], where matches: (WorkTask) -> Bool) throws -> [WorkTask] {
            guard !whole else { return tasks }
            let loaded = try TaskStore(database: database).tasks(ids: tasks.filter(matches).map(\.id))
            let byID = Dictionary(loaded.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return tasks.map { byID[$0.id] ?? $0 }
        }
        let minimum = try minimumEvidence(context)
        let analysis = RetroAnalysis(settings: config.settings, minimumEvidence: minimum)
        let document: ReportDocument
        let json: String
        if kind == "practices" {
            // Weekly and retro say it in their coverage line; practices has none.
            if !team && !merged.isEmpty {
                context.notes.note(
                    "note: the sessions merged from \(merged.count) teammate machine(s) are left out (this machine's view); "
                        + "--team includes them")
            }
            var scope = context.arguments.value("--repo") ?? (repositories.count == 1 ? repositories[0].name : "all repositories")
            if let since = context.arguments.value("--since") { scope += " since \(since)" }
            if let until = context.arguments.value("--until") { scope += " until \(until)" }
            (document, json) = try practices(
                tasks, repositories: repositories, settings: config.settings, database: database, context, scope: scope)
        } else if kind == "weekly" {
            let week: ISOWeek
            if let text = context.arguments.value("--week") {
                guard let parsed = ISOWeek(text) else {
                    throw UsageError("--week expects an ISO week such as 2026-W47, not '\(text)'", command: "report")
                }
                week = parsed
            } else {
                let now = Int64(Date().timeIntervalSince1970)
                week = ISOWeek.lastComplete(before: now)
                // A history that ended weeks ago leaves the last complete week empty: say which week has its
                // work, the one the demo and the MCP weekly resource show.
                if !tasks.contains(where: { !$0.bot && $0.end >= week.start && $0.end < week.end }),
                    let last = Self.latestWholeWeek(tasks, now: now)
                {
                    context.notes.note(
                        "no task finished in \(week) (the last complete week); the history's last complete week with finished "
                            + "tasks is \(last): multiplier report weekly --week \(last)")
                }
            }
            // The week's own tasks are listed with their titles and reviewed from their commits.
            tasks = try wholeTasks(tasks) { $0.end >= week.start && $0.end < week.end }
            var weekly = analysis.weekly(tasks, week: week)
            let members = tasks.filter { $0.end >= week.start && $0.end < week.end }
            weekly.coverage = try coverage(
                members, sessions: TaskBuilding.activities(context, database: database), database: database, team: team,
                config: config)
            if context.arguments.has("--by-person") {
                weekly.people = PersonFigures.breakdown(members)
                if weekly.people == nil { notePeopleWithheld(members, context) }
            }
            if !context.arguments.has("--no-review") {
                weekly.reviewFirst = try reviewFirst(
                    members, history: tasks, settings: config.settings, database: database, context, week: week)
            }
            document = ReportBuilders.weekly(weekly)
            json = try JSONOutput.encode(weekly)
        } else {
            let root = repositories.first { $0.root == tasks.first?.repository }?.root ?? repositories.first?.root
            let (since, until) = try When.window(repository: root, context, command: "report")
            let sinceRef = root.flatMap { root in context.arguments.value("--since").flatMap { When.ref($0, repository: root, context) } }
            let untilRef = root.flatMap { root in context.arguments.value("--until").flatMap { When.ref($0, repository: root, context) } }
            let scoped = tasks.filter { When.holds($0.end, since: since, until: until) }
            var retro = analysis.run(
                scoped, since: since.map { Timestamp.iso8601($0) }, until: until.map { Timestamp.iso8601($0) })
            if !whole {
                // The tasks to label are shown with their titles: only those are read whole.
                let listed = Set(retro.lowConfidence.map(\.id))
                let titles = Dictionary(
                    try TaskStore(database: database).tasks(ids: Array(listed)).map { ($0.id, $0.title) },
                    uniquingKeysWith: { first, _ in first })
                for index in retro.lowConfidence.indices {
                    if let title = titles[retro.lowConfidence[index].id] { retro.lowConfidence[index].title = title }
                }
            }
            // A release given by refs: its lines at the end by git blame too, as projects publish them
            // (of one repository: the refs are that repository's).
            if let root, let sinceRef, let untilRef = context.arguments.value("--until") == nil ? "HEAD" : untilRef,
                Set(tasks.map(\.repository)).subtracting([root]).isEmpty
            {
                let blame = try ReleaseBlame.lines(
                    repository: root, since: sinceRef, until: untilRef, config: config, environment: context.environment,
                    console: context.console)
                var sessionFiles: [String: Set<String>] = [:]
                for session in try TaskBuilding.activities(context, database: database) {
                    sessionFiles[session.tool + "\u{0}" + session.id] = session.filesEdited
                }
                retro.aiShare.surviving = SurvivingShare.count(
                    range: "\(context.arguments.value("--since") ?? sinceRef)..\(context.arguments.value("--until") ?? "HEAD")",
                    blame: blame, tasks: try wholeTasks(tasks) { _ in true }, sessionFiles: sessionFiles)
            }
            retro.coverage = try coverage(
                scoped, sessions: TaskBuilding.activities(context, database: database), database: database, team: team,
                config: config)
            if context.arguments.has("--by-person") {
                retro.people = PersonFigures.breakdown(scoped)
                if retro.people == nil { notePeopleWithheld(scoped, context) }
            }
            if context.arguments.has("--review") {
                let reviewed = try wholeTasks(scoped.filter { !$0.bot }) { _ in true }
                let review = try ReviewCommand.review(
                    reviewed, ratios: ReviewCommand.categoryRatios(tasks, settings: config.settings), database: database, context,
                    scope: "retro")
                var flagged: [String: Set<String>] = [:]
                for item in review.items { flagged[item.id] = Set(item.checks.map(\.rawValue)) }
                retro.reviewChecks = analysis.reviewChecks(reviewed, flagged: flagged, checks: ReviewCheck.allCases.map(\.rawValue))
            }
            var scope = context.arguments.value("--repo") ?? (repositories.count == 1 ? repositories[0].name : "all repositories")
            if let since = context.arguments.value("--since") { scope += " since \(since)" }
            if let until = context.arguments.value("--until") { scope += " until \(until)" }
            if !paths.isEmpty { scope += ", paths \(paths.joined(separator: ", "))" }
            if !excludes.isEmpty { scope += ", excluding \(excludes.joined(separator: ", "))" }
            document = ReportBuilders.retro(retro, scope: scope)
            json = try JSONOutput.encode(retro)
        }
        try write(document, json: json, format: format, context)
        return .success
    }

    /// `--by-person` on fewer than 3 people: their figures would be those of named individuals.
    static func notePeopleWithheld(_ tasks: [WorkTask], _ context: CommandContext) {
        let people = Set(tasks.filter { !$0.bot }.map(\.author)).count
        context.notes.note(
            "note: --by-person shows no per-person figures for fewer than 3 people (here \(people)): they would single people out")
    }

    /// How many of the developers who finished these tasks have session logs in the database
    /// (their own user folder, an export that named them, or a session linked to one of their
    /// tasks), and from how many machines.
    static func coverage(
        _ tasks: [WorkTask], sessions: [SessionActivity], database: Database, team: Bool, config: RuleConfig
    ) throws -> Coverage {
        let developers = Set(tasks.filter { !$0.bot }.map(\.author))
        let store = TeamStore(database: database)
        let identities = SessionOwners.identities(
            try store.authors(), aliases: PersonAliases.resolved(config.aliases.merging(try store.aliases()) { _, stored in stored }))
        var withLogs: Set<String> = []
        for session in sessions where team || session.machine == nil {
            let owner = session.owner.flatMap { identities[$0] == nil ? nil : $0 }
                ?? SessionOwners.owner(workingDirectory: session.workingDirectory, source: session.source, identities: identities)
            if let owner, developers.contains(owner) { withLogs.insert(owner) }
        }
        // A session whose owner its log does not tell (a container's /workspace, one folder of
        // everyone's logs) still covers the author of the task it is linked to.
        let counted = Set(sessions.filter { team || $0.machine == nil }.map { $0.tool + "\u{1F}" + $0.id })
        for task in tasks where !task.bot && !withLogs.contains(task.author) {
            if task.sessions.contains(where: { counted.contains($0.tool + "\u{1F}" + $0.id) }) { withLogs.insert(task.author) }
        }
        // Tasks read as figures only (`TaskStore.figures`) carry no links: the stored details have them.
        // Without a session that counts, no link can: the details are not read.
        let unlinked = counted.isEmpty
            ? [] : Set(tasks.filter { !$0.bot && $0.sessions.isEmpty && $0.activeSeconds > 0 }.map(\.author)).subtracting(withLogs)
        for link in try TaskStore(database: database).linkedSessions(authors: unlinked)
        where counted.contains(link.tool + "\u{1F}" + link.id) {
            withLogs.insert(link.author)
        }
        return Coverage(developers: developers.count, developersWithSessionLogs: withLogs.count, team: team)
    }

    /// `--min-evidence weak|strong` (default weak).
    static func minimumEvidence(_ context: CommandContext) throws -> MinimumEvidence {
        guard let text = context.arguments.value("--min-evidence") else { return .weak }
        guard let level = MinimumEvidence(rawValue: text) else {
            throw UsageError("--min-evidence expects weak or strong, not '\(text)'", command: "report")
        }
        return level
    }

    /// A repeatable option whose values may also be comma-separated.
    static func list(_ option: String, _ context: CommandContext) -> [String] {
        (context.arguments.values[option] ?? []).flatMap { $0.split(separator: ",").map(String.init) }.filter { !$0.isEmpty }
    }

    static func write(
        _ document: ReportDocument, json: String, format: String, _ context: CommandContext, command: String = "report"
    ) throws {
        let out = context.arguments.value("--out").map(context.absolute)
        // `--out /tmp/x/` names a folder: only csv without --table writes one; a file `/tmp/x` is not what was asked.
        if let given = context.arguments.value("--out"), given.hasSuffix("/"), format != "csv" || context.arguments.value("--table") != nil {
            throw CommandError.io("cannot write \(given): it names a folder (it ends with /); name a file")
        }
        // A table is chosen only from CSV (every other format has them all): said, not ignored.
        if context.arguments.value("--table") != nil, format != "csv" {
            throw UsageError("--table chooses a table of --format csv; the \(format) output has every table", command: command)
        }
        func emit(_ text: String, to path: String?) throws {
            guard let path else {
                context.console.out(text)
                return
            }
            try OutputFile.write(text, to: path)
            context.notes.note("wrote \(path)")
        }
        switch format {
        case "json": try emit(json + "\n", to: out)
        case "markdown": try emit(MarkdownRenderer.render(document), to: out)
        case "html": try emit(HTMLRenderer.render(document), to: out)
        case "csv":
            let names = document.tables.map(\.name)
            if let name = context.arguments.value("--table") {
                guard let table = CSVRenderer.table(document, named: name) else {
                    throw UsageError("no table '\(name)' in this report; tables: \(names.joined(separator: ", "))", command: command)
                }
                try emit(CSVRenderer.render(table), to: out)
            } else if let folder = out {
                // Every table, a file each: --out names a folder here.
                if FileKind(path: folder) != .missing && FileKind(path: folder) != .folder {
                    throw UsageError(
                        "--out \(folder) is a file; csv without --table writes a folder of tables (or give --table NAME)",
                        command: command)
                }
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw CommandError.io("cannot create \(folder): \(error.localizedDescription)")
                }
                for table in document.tables { try emit(CSVRenderer.render(table), to: folder + "/\(table.name).csv") }
            } else if let first = document.tables.first {
                context.console.out(CSVRenderer.render(first))
                context.notes.note("printed table '\(first.name)'; tables: \(names.joined(separator: ", ")) (--table NAME, or --out DIR for all)")
            }
        default: try emit(TextRenderer.render(document, width: context.console.width), to: out)
        }
    }
}

extension ReportCommand {
    /// The newest week a weekly report shows whole: the last ISO week that ends before both the week of
    /// `now` (when given) and the week in which the history's last task ended (a history that stops
    /// mid-week has no complete last week), and in which a person's task finished. Nil when no person's
    /// task finished before then. `report weekly`'s hint, the demo and the MCP weekly resource use it.
    static func latestWholeWeek(_ tasks: [WorkTask], now: Int64?) -> ISOWeek? {
        guard let last = tasks.map(\.end).max() else { return nil }
        var bound = ISOWeek(containing: last).adding(weeks: -1)
        if let now { bound = min(bound, ISOWeek.lastComplete(before: now)) }
        let end = bound.end
        return tasks.filter { !$0.bot && $0.end < end }.map(\.end).max().map(ISOWeek.init(containing:))
    }
}

/// `--since`/`--until` for reports: a date or instant, a git ref, or git's relative forms.
enum When {
    /// `--since` and `--until` as the window `[since, until)` of task ends (`holds`), each resolved by
    /// `seconds`; refused when the window is empty. A bound given as a git ref is a release: its own
    /// commit belongs to it, and not to the release after it, so a ref bound is the second after its
    /// commit's time (a ref `--since` leaves that commit out, a ref `--until` takes it in). The window's
    /// instants, printed as a report's period and given back as `--since`/`--until`, select the same tasks.
    static func window(
        repository: String?, _ context: CommandContext, command: String
    ) throws -> (since: Int64?, until: Int64?) {
        let names = context.argumentNames
        let since = try context.arguments.value("--since").map {
            try seconds($0, option: names.name("--since"), repository: repository, context, command: command)
        }
        let until = try context.arguments.value("--until").map {
            try seconds($0, option: names.name("--until"), repository: repository, context, command: command)
        }
        try checkOrder(since: since?.seconds, until: until?.seconds, context, command: command)
        return (since.map { $0.seconds + ($0.isRef ? 1 : 0) }, until.map { $0.seconds + ($0.isRef ? 1 : 0) })
    }

    /// Whether a task that ended at `end` falls in the window `[since, until)` (either side may be open).
    static func holds(_ end: Int64, since: Int64?, until: Int64?) -> Bool {
        (since.map { end >= $0 } ?? true) && (until.map { end < $0 } ?? true)
    }

    /// A window's bound as a scope line shows it: the day when it falls at midnight UTC (`2026-11-10`),
    /// else the instant (`2026-11-10T09:00:00Z`), so that a window of hours does not read as whole days.
    static func bound(_ seconds: Int64) -> String {
        let instant = Timestamp.iso8601(seconds)
        return seconds % 86_400 == 0 ? String(instant.prefix(10)) : instant
    }

    /// Refuses `--since` at or after `--until`: no task or session can fall between them.
    static func checkOrder(since: Int64?, until: Int64?, _ context: CommandContext, command: String) throws {
        guard let since, let until, since >= until else { return }
        let names = context.argumentNames
        throw UsageError(
            "\(names.name("--since")) \(context.arguments.value("--since") ?? "") (\(Timestamp.iso8601(since))) is not before "
                + "\(names.name("--until")) \(context.arguments.value("--until") ?? "(now)") (\(Timestamp.iso8601(until))): "
                + "nothing falls between them",
            command: command)
    }

    /// A bound's seconds since 1970: a date or instant, else a git ref's committer time (`isRef`) or a
    /// relative form.
    /// - Parameter option: the option as the caller names it (`ArgumentNames.name`), for the messages.
    static func seconds(
        _ text: String, option: String, repository: String?, _ context: CommandContext, command: String
    ) throws -> (seconds: Int64, isRef: Bool) {
        do {
            return (try TimeArgument.milliseconds(text, option: option, command: command) / 1000, false)
        } catch let error as UsageError where TimeArgument.isImpossibleDay(text.prefix(10)) {
            throw error  // 2025-02-30: no ref or relative form either
        } catch {
            // a ref or a relative form
        }
        guard let repository else {
            throw UsageError("\(option) '\(text)' is not a date, and there is no repository to resolve it in", command: command)
        }
        let git = GitInvocation(repository: repository, environment: context.environment)
        // A ref (tag, branch, commit): its commit's committer time.
        if let result = try? git.status(["log", "-1", "--format=%ct", text + "^{commit}", "--"]),  // not a ref: try the relative forms
            result.status == 0, let seconds = Int64(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            return (seconds, true)
        }
        // git's approxidate (`2.weeks.ago`, `yesterday`): rev-parse prints --max-age=SECONDS; but
        // only for words it knows, since it reads anything else as now.
        if isRelativeForm(text),
            let result = try? git.status(["rev-parse", "--since=\(isDayInWords(text) ? text + " 00:00 UTC" : text)"]),  // git failing: the error below says what was expected
            result.status == 0, result.output.hasPrefix("--max-age="),
            let seconds = Int64(result.output.dropFirst("--max-age=".count))
        {
            return (seconds, false)
        }
        throw UsageError(
            "\(option) expects a date (2026-11-02), an instant, a git ref of \(repository) or a relative form such as 2.weeks.ago, not '\(text)'",
            command: command)
    }

    /// Whether `text` is a day written in words (`Dec 8 2025`, `8 december`): a month and a number,
    /// and nothing that sets the time of day or counts back from now. git reads such a day at the
    /// current time of day; like `2025-12-08`, it means the day's start (UTC), whenever it is run.
    static func isDayInWords(_ text: String) -> Bool {
        guard text.contains(where: \.isNumber), !text.contains(":") else { return false }
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        let timeWords: Set<String> = ["noon", "midnight", "tea", "am", "pm", "utc", "gmt", "now", "ago", "yesterday", "last", "never"]
        guard !words.contains(where: { timeWords.contains($0) || relativeUnits.contains($0) }) else { return false }
        return words.contains { word in word.count >= 3 && monthNames.contains { $0.hasPrefix(word) } }
    }

    /// The commit `text` names when it is a git ref of the repository and not a date; else nil.
    static func ref(_ text: String, repository: String, _ context: CommandContext) -> String? {
        guard (try? TimeArgument.milliseconds(text, option: "", command: "report")) == nil else { return nil }  // a date
        let git = GitInvocation(repository: repository, environment: context.environment)
        guard let result = try? git.status(["rev-parse", "--verify", "--quiet", text + "^{commit}"]),  // git failing: not a ref
            result.status == 0
        else { return nil }
        let hash = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return hash.isEmpty ? nil : hash
    }

    /// Whether git's approxidate reads `text` as the time it says. It takes any text: a word it does
    /// not know is skipped, and text with nothing it knows is "now" (`garbage`, `HEAD~9999`, which
    /// silently became the end of the period) or a wrong date (`2.weks.ago`, four days ago). So every
    /// word must be one of its words (a unit, a month or weekday, `yesterday`, `noon`, `last`, …, or
    /// `ago`, which it skips), and a number or a word other than a unit or `ago` must set the time
    /// (`week.ago` sets nothing: now).
    static func isRelativeForm(_ text: String) -> Bool {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        guard !words.isEmpty else { return false }
        var setsTime = text.contains(where: \.isNumber)
        for word in words {
            if relativeUnits.contains(word) || word == "ago" { continue }
            let named = word.count >= 3 && (monthNames + weekdayNames).contains { $0.hasPrefix(word) }
            guard named || relativeWords.contains(word) else { return false }
            setsTime = true
        }
        return setsTime
    }

    /// approxidate's units (git's date.c: `typelen`, months and years), singular or plural.
    static let relativeUnits: Set<String> = Set(
        ["second", "minute", "hour", "day", "week", "month", "year"].flatMap { [$0, $0 + "s"] })
    /// Its special words, number names and `last`, and the zones a written-out date may end with.
    static let relativeWords: Set<String> = [
        "yesterday", "noon", "midnight", "tea", "am", "pm", "never", "now", "last", "zero", "one", "two", "three", "four", "five",
        "six", "seven", "eight", "nine", "ten", "utc", "gmt",
    ]
    /// Month and weekday names; approxidate takes their first three letters or more.
    static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
    static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
}
