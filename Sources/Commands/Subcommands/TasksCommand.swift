import Foundation
import Model
import Storage
import Support

/// `multiplier tasks`: the tasks built from commits and sessions, or one task's evidence.
enum TasksCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "tasks", summary: "list tasks with category, zone, AI assistance and effort, or explain one",
            usage: "tasks [--since DATE] [--until DATE] [--repo REPO] [--category NAME] [--zone NAME] [--ai|--human] [--bots] "
                + "[--team] [--format text|json|csv] | tasks --explain TASK",
            options: [
                .value("--since", "DATE", "tasks that ended on or after this date"),
                .value("--until", "DATE", "tasks that ended before this date (the window the reports use)"),
                .value("--repo", "REPO", "an ingested repository, by root path or name"),
                .value("--category", "NAME", "one category (see 'multiplier help label')"),
                .value("--zone", "NAME", "strength, weak or neutral"),
                .flag("--ai", "only AI-assisted tasks"),
                .flag("--human", "only tasks without AI assistance"),
                .flag("--bots", "include the tasks bots made (kept apart by default)"),
                .flag("--team", "include the sessions merged from teammates' exports ('multiplier merge'), as 'report retro --team' does"),
                .value("--format", "FORMAT", "text (default), json or csv"),
                .value("--explain", "TASK", "every decision about one task (an id, id prefix or key) with its evidence"),
                TaskBuilding.configOption,
            ],
            discussion: """
                Tasks are built after every ingest (METHOD.md: grouping by issue key, pull request, squash
                merge, then author bursts; sessions linked by files and time). Effort is the git estimator's
                hours (or a time log's); cycle time runs from the first commit or session event to the merge.
                """),
        run: run)

    /// The JSON layout of one task; keys are stable.
    struct Entry: Encodable {
        var id: String
        var repository: String
        var key: String
        var title: String
        var category: String
        var zone: String
        var confidence: Double
        var ai: Bool
        var aiTools: [String]
        var effortHours: Double
        var cycleHours: Double
        var linesChanged: Int
        var filesTouched: Int
        var commits: [String]
        var sessions: [String]
        /// A person labelled the task (`multiplier label`): its category, its AI flag or both, as the
        /// two fields after it say.
        var labelled: Bool
        var labelledCategory: Bool
        var labelledAI: Bool
        var bot: Bool
    }

    static func run(_ context: CommandContext) throws -> ExitCode {
        let format = context.arguments.value("--format") ?? "text"
        guard ["text", "json", "csv"].contains(format) else {
            throw UsageError("unknown format '\(format)' for 'tasks'; expected text, json or csv", command: "tasks")
        }
        let (database, all, tasks) = try selected(context)
        let merged = try TeamStore(database: database).mergedMachines()
        if !merged.isEmpty && !context.arguments.has("--team") {
            context.notes.note(
                "note: the sessions merged from \(merged.count) teammate machine(s) are left out (this machine's view); --team includes them")
        }
        if let argument = context.arguments.value("--explain") {
            let task = try TaskBuilding.find(argument, in: all, command: "tasks")
            context.console.out(Format.printable(explain(task, workflows: try SessionStore(database: database).workflows())))
            return .success
        }
        let entries = tasks.map(entry)
        switch format {
        case "json": context.console.line(try JSONOutput.encode(entries))
        case "csv": context.console.out(csv(entries))
        default:
            if tasks.isEmpty && !all.isEmpty {
                // The filters left nothing: say so, rather than that nothing was ingested.
                context.console.out("no tasks match these filters (\(all.count) in all; without the filters 'multiplier tasks' lists them)\n")
            } else {
                context.console.out(text(tasks, width: context.console.width))
            }
        }
        return .success
    }

    /// Every stored task, and those the command line's filters select (the MCP tool's too).
    static func selected(_ context: CommandContext) throws -> (database: Database, all: [WorkTask], selected: [WorkTask]) {
        var filter = try Filter(context)
        let database = try context.openDatabase(existing: true)
        if let name = context.arguments.value("--repo") {
            let repositories = try CommitStore(database: database).repositories()
            let repository = try context.repository(name, among: repositories, command: "tasks")
            filter.repositories = try context.checkouts(of: repository, among: repositories, database: database)
        }
        let all = try TaskBuilding.tasks(context, database: database, team: context.arguments.has("--team"))
        return (database, all, all.filter(filter.includes))
    }

    /// The filters of the command line.
    struct Filter {
        var since: Int64?
        var until: Int64?
        /// `--repo`: the roots of its checkouts (`CommandContext.checkouts`).
        var repositories: Set<String>?
        var category: Category?
        var zone: Zone?
        var ai: Bool?
        var bots = false

        init(_ context: CommandContext) throws {
            let arguments = context.arguments
            let names = context.argumentNames
            if let value = arguments.value("--since") {
                since = try TimeArgument.milliseconds(value, option: names.name("--since"), command: "tasks") / 1000
            }
            if let value = arguments.value("--until") {
                until = try TimeArgument.milliseconds(value, option: names.name("--until"), command: "tasks") / 1000
            }
            if let since, let until, since >= until {
                throw UsageError(
                    "\(names.name("--since")) \(arguments.value("--since") ?? "") is not before \(names.name("--until")) "
                        + "\(arguments.value("--until") ?? ""): no task falls between them", command: "tasks")
            }
            if let value = arguments.value("--category") {
                guard let parsed = Category(rawValue: value) else {
                    let suggestion = EditDistance.nearest(to: value, among: Category.allCases.map(\.rawValue))
                        .map { " (did you mean '\($0)'?)" } ?? ""
                    throw UsageError("unknown category '\(value)'\(suggestion); expected one of: \(Category.names)", command: "tasks")
                }
                category = parsed
            }
            if let value = arguments.value("--zone") {
                guard let parsed = Zone(rawValue: value) else {
                    throw UsageError("unknown zone '\(value)'; expected strength, weak or neutral", command: "tasks")
                }
                zone = parsed
            }
            if arguments.has("--ai") && arguments.has("--human") {
                throw UsageError("--ai and --human exclude each other", command: "tasks")
            }
            if arguments.has("--ai") { ai = true }
            if arguments.has("--human") { ai = false }
            bots = arguments.has("--bots")
        }

        func includes(_ task: WorkTask) -> Bool {
            if task.bot && !bots { return false }
            if let since, task.end < since { return false }
            // The reports' window: tasks that ended in it (METHOD.md), so a report's tasks are listed with its options.
            if let until, task.end >= until { return false }
            if let repositories, !repositories.contains(task.repository) { return false }
            if let category, task.category != category { return false }
            if let zone, task.category.zone != zone { return false }
            if let ai, task.ai != ai { return false }
            return true
        }
    }

    static func entry(_ task: WorkTask) -> Entry {
        Entry(
            id: task.id, repository: task.repository, key: task.key, title: task.title, category: task.category.rawValue,
            zone: task.category.zone.rawValue, confidence: rounded(task.confidence), ai: task.ai, aiTools: task.aiTools,
            effortHours: rounded(task.effortHours), cycleHours: rounded(task.cycleHours), linesChanged: task.linesChanged,
            filesTouched: task.filesTouched, commits: task.commits.map(\.hash),
            sessions: task.sessions.map(\.id), labelled: task.labelled || task.aiLabel != nil,
            labelledCategory: task.labelled, labelledAI: task.aiLabel != nil, bot: task.bot)
    }

    /// Three decimals: enough for hours and shares, and stable across platforms.
    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    static func csv(_ entries: [Entry]) -> String {
        var text = CSV.row([
            "id", "repository", "key", "title", "category", "zone", "confidence", "ai", "ai_tools", "effort_hours",
            "cycle_hours", "lines_changed", "files_touched", "commits", "sessions", "labelled", "bot", "labelled_category",
            "labelled_ai",
        ])
        for entry in entries {
            text += CSV.row([
                entry.id, entry.repository, entry.key, entry.title, entry.category, entry.zone,
                Format.fixed(entry.confidence, 2), entry.ai ? "yes" : "no", entry.aiTools.joined(separator: " "),
                Format.fixed(entry.effortHours, 2), Format.fixed(entry.cycleHours, 1), "\(entry.linesChanged)",
                "\(entry.filesTouched)", entry.commits.joined(separator: " "), entry.sessions.joined(separator: " "),
                entry.labelled ? "yes" : "no", entry.bot ? "yes" : "no", entry.labelledCategory ? "yes" : "no",
                entry.labelledAI ? "yes" : "no",
            ])
        }
        return text
    }

    static func text(_ tasks: [WorkTask], width: Int) -> String {
        guard !tasks.isEmpty else { return "no tasks: run 'multiplier ingest git PATH' first\n" }
        let header = ["ID", "REPO", "CATEGORY", "ZONE", "CONF", "AI", "EFFORT", "CYCLE", "SIZE", "TITLE"]
        let rows = tasks.map { task -> [String] in
            [
                task.id, (task.repository as NSString).lastPathComponent,
                task.category.rawValue + (task.labelled ? "*" : ""), task.category.zone.rawValue,
                // `*` on the AI column: `multiplier label --ai` set it.
                Format.fixed(task.confidence, 2),
                (task.ai ? (task.aiTools.isEmpty ? "yes" : task.aiTools.joined(separator: ",")) : "-") + (task.aiLabel != nil ? "*" : ""),
                Format.fixed(task.effortHours, 1) + " h", Format.fixed(task.cycleHours, 1) + " h",
                "\(task.linesChanged)/\(task.filesTouched)", task.title,
            ]
        }
        // On a narrow terminal: id, category, AI and effort first, then as much of the title as fits.
        var text = Format.table(
            header: header, rows: rows, width: width, rightAligned: [4, 6, 7], priority: [0, 2, 5, 6, 9, 3, 7, 8, 4, 1],
            flexible: 9, elsewhere: "--format csv or json has every column")
        let ai = tasks.filter(\.ai).count
        text += Format.wrap(
            "\(tasks.count) task\(tasks.count == 1 ? "" : "s"), \(ai) AI-assisted; * labelled by hand; SIZE is lines changed/files",
            width: width) + "\n"
        return text
    }

    /// A session's start mode with its evidence, then the corrections and sub-agents the log tells.
    static func workflowLine(_ workflow: SessionWorkflow) -> String {
        var line = workflow.start.rawValue
        line += workflow.startEvidence.map { " (\($0))" } ?? " (nothing in the log tells plan-first from code-first)"
        if let before = workflow.correctionsBeforeEdit, let after = workflow.correctionsAfterEdit {
            line += "; corrections \(before) before the first edit, \(after) after"
        }
        if let subagents = workflow.subagents { line += "; \(subagents) sub-agent" + (subagents == 1 ? "" : "s") }
        return line
    }

    /// Every decision about one task, with its evidence.
    /// - Parameter workflows: the stored sessions' workflow facts, keyed "tool/id" (`SessionStore.workflows()`).
    static func explain(_ task: WorkTask, workflows: [String: SessionWorkflow] = [:]) -> String {
        var lines: [String] = []
        lines.append("task \(task.id): \(task.title)")
        lines.append("  repository  \(task.repository)")
        lines.append("  key         \(task.key) (\(task.kind.rawValue))" + (task.branch.map { ", branch \($0)" } ?? ""))
        lines.append("  author      \(task.author)" + (task.bot ? " (bot: left out of effort and speedup)" : ""))
        lines.append("")
        lines.append("commits (\(task.commits.count)): why grouped, and what each earned")
        for commit in task.commits {
            lines.append(
                "  \(commit.hash.prefix(10))  \(Timestamp.iso8601(commit.authorTime))  \(Format.fixed(commit.effortHours, 2)) h  \(commit.subject)")
            lines.append("      grouped: \(commit.reason)")
            lines.append("      effort:  \(commit.effortReason)")
            if let rework = commit.rework { lines.append("      rework:  \(rework)") }
            if !commit.aiTools.isEmpty { lines.append("      AI mark: \(commit.aiTools.joined(separator: ", "))") }
        }
        lines.append("")
        lines.append("sessions (\(task.sessions.count))")
        if task.sessions.isEmpty { lines.append("  none linked") }
        for session in task.sessions {
            lines.append(
                "  \(session.tool) \(session.id), \(session.activeSeconds / 60) min active, "
                    + "\(session.evidence.rawValue) link (\(session.evidence.isStrong ? "strong" : "weak")): \(session.reason)")
            lines.append("      start: " + workflowLine(workflows[session.tool + "/" + session.id] ?? SessionWorkflow()))
        }
        lines.append("")
        lines.append(
            "AI-assisted: \(task.ai ? (task.aiTools.isEmpty ? "yes" : "yes (\(task.aiTools.joined(separator: ", ")))") : "no")"
                + (task.aiOnWeakEvidenceOnly ? ", on weak evidence only (--min-evidence strong counts it as human)" : ""))
        for reason in task.aiReasons { lines.append("  \(reason)") }
        lines.append("")
        lines.append(
            "category: \(task.category.rawValue) (\(task.category.zone.rawValue) zone), confidence \(Format.fixed(task.confidence, 2))"
                + (task.labelled ? ", labelled by hand" : ""))
        if let note = task.classificationNote { lines.append("  \(note)") }
        var totals: [Category: Double] = [:]
        for item in task.evidence { totals[item.category, default: 0] += item.weight }
        let ranked = totals.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        lines.append("  scores: " + ranked.map { "\($0.key.rawValue) \(Format.fixed($0.value, 2))" }.joined(separator: ", "))
        for item in task.evidence {
            lines.append("  +\(Format.fixed(item.weight, 2)) \(item.category.rawValue) from \(item.family) \(item.detail)")
        }
        lines.append("")
        lines.append("effort: \(Format.fixed(task.effortHours, 2)) h from the \(task.effortSource == "git" ? "git history" : task.effortSource)")
        if task.effortSource == "git" {
            lines.append("  the sum of its commits' hours above (each author's commits in time order, each commit once;")
            lines.append("  a gap of at most 2 h is earned, else a 30 min lead-in; merge and bot commits earn nothing)")
        }
        if task.reworkHours > 0 { lines.append("  of which rework: \(Format.fixed(task.reworkHours, 2)) h") }
        lines.append("  session active time beside it (not mixed in): \(task.activeSeconds / 60) min")
        if let estimate = task.estimateHours { lines.append("  the time log's estimate: \(Format.fixed(estimate, 2)) h") }
        if let number = task.pullRequest {
            // No reviews in the export (GitLab's list, gh without `reviews`): rounds unknown, not 0.
            var review = "review: pull request #\(number), "
                + (task.reviewRounds.map { "\($0) review rounds, \(task.changeRequests ?? 0) change requests, " }
                    ?? "review rounds unknown (the export has no reviews), ")
                + "\(task.reviewComments ?? 0) comments"
            if let wait = task.firstReviewWaitHours { review += "; first review after \(Format.fixed(wait, 1)) h" }
            if let wait = task.mergeWaitHours { review += "; merged after \(Format.fixed(wait, 1)) h" }
            lines.append(review)
        }
        if let hours = task.reviewerHours { lines.append("reviewer hours from the time log: \(Format.fixed(hours, 2)) h") }
        lines.append(
            "cycle time: \(Format.fixed(task.cycleHours, 1)) h, \(Timestamp.iso8601(task.start)) to \(Timestamp.iso8601(task.end))")
        lines.append(
            "size: +\(task.linesAdded) -\(task.linesDeleted) lines in \(task.filesTouched) files (without lock, vendored, generated and binary files)")
        lines.append("AI lines added: \(task.aiLinesAdded); churned within the window: \(task.churnedLines)")
        return lines.joined(separator: "\n") + "\n"
    }
}
