import Analysis
import Classification
import Foundation
import Ingestion
import Model
import Rendering
import Storage
import Support

/// `multiplier demo`: builds the sample team's repository from `SampleData/` and ingests it.
enum DemoCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "demo", summary: "build the bundled sample team's data and show what Multiplier reads from it",
            usage: "demo [--data DIR] [--work DIR] [--reports DIR]",
            options: [
                .value("--data", "DIR", "the sample data (default: ./SampleData, else next to the binary's package)"),
                .value("--work", "DIR", "where to build the demo repository and database (default: ./.multiplier)"),
                .value("--reports", "DIR", "where to write the weekly, retro and plan reports (default: Reports beside the data)"),
            ],
            discussion: """
                Imports SampleData/repo.fi with 'git fast-import' into WORK/demo/acme-shop, ingests it and
                the team's session logs (SampleData/machines) into WORK/demo.sqlite (both rebuilt on every
                run; it takes no --db, since it would replace that file: pass --db WORK/demo.sqlite to the other
                commands), prints what was ingested and the weekly report of the sample's last complete week with
                work (and why that week), and writes Reports/weekly.md, weekly.html, retro.md, retro.html, retro.json, and plan.md and plan.html from SampleData/backlog.csv.
                """),
        run: run)

    static func run(_ context: CommandContext) throws -> ExitCode {
        let work = context.absolute(context.arguments.value("--work") ?? ".multiplier")
        let databasePath = work + "/demo.sqlite"
        try refuseDatabaseOption(context, databasePath: databasePath)
        let data = try sampleData(context)
        let repository = work + "/demo/acme-shop"
        let files = FileManager.default
        do {
            // A fresh build every run: the demo's figures never depend on an earlier run.
            if files.fileExists(atPath: repository) { try files.removeItem(atPath: repository) }
            for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: databasePath + suffix) {
                try files.removeItem(atPath: databasePath + suffix)
            }
            try files.createDirectory(atPath: repository, withIntermediateDirectories: true)
        } catch {
            throw CommandError.io("cannot prepare \(work): \(error.localizedDescription)")
        }
        context.notes.note("building the sample repository in \(repository)")
        try importHistory(from: data + "/repo.fi", into: repository, environment: context.environment)

        let database = try Database(path: databasePath)
        let ingestor = GitIngestor(database: database, console: context.notes, environment: context.environment)
        let result = try ingestor.ingest(path: repository)
        context.console.line("Ingested the sample team (acme-shop) into \(databasePath):")
        context.console.line("  " + IngestCommand.summary(result))
        guard let summary = try CommitStore(database: database).summaries().first else { return .success }
        let ai = summary.aiCommits.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        context.console.line("  \(summary.commits) commits (\(summary.mergeCommits) merges, \(summary.botCommits) by bots)")
        context.console.line("  +\(summary.linesAdded) -\(summary.linesDeleted) lines")
        context.console.line("  AI-marked commits: \(ai.isEmpty ? "none" : ai.joined(separator: ", "))")

        // The team's session logs, as they lie on each person's machine.
        let sessionIngestor = SessionIngestor(database: database, environment: context.environment, keepPrompts: false)
        let report = try sessionIngestor.ingest(
            SessionIngestor.entries(under: [data + "/machines"]),
            repositories: try CommitStore(database: database).repositories())
        let store = SessionStore(database: database)
        let sessions = try store.sessions()
        let byTool = try store.countsByTool().sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        let linked = sessions.filter { $0.repository != nil }.count
        let active = sessions.filter { $0.parent == nil }.reduce(0) { $0 + $1.activeSeconds }
        context.console.line(
            "  \(report.read) session logs: \(sessions.count) sessions (\(byTool.joined(separator: ", "))), "
                + "\(linked) resolved to the repository, \(active / 3600) hours active")
        let pullRequests = try PullRequestExport.read(path: data + "/prs.json")
        let repositoryID = result.repository.id
        _ = try ReviewStore(database: database).upsert(pullRequests, repositoryID: repositoryID)
        let entries = try TimeLog.read(path: data + "/timelog.csv")
        try ReviewStore(database: database).replaceTimeEntries(source: data + "/timelog.csv", with: entries)
        context.console.line(
            "  \(pullRequests.count) pull requests from prs.json, \(entries.count) time-log entries from timelog.csv")
        try TaskBuilding.rebuild(context, database: database)
        let tasks = try TaskStore(database: database).tasks()
        for line in taskSummary(tasks) { context.console.line("  " + line) }
        let reports = context.arguments.value("--reports").map(context.absolute)
            ?? (data as NSString).deletingLastPathComponent + "/Reports"
        try writeReports(tasks, data: data, to: reports, database: database, context)
        context.console.line("Explore it with: multiplier report retro --db \(databasePath)")
        return .success
    }

    /// The demo deletes and rebuilds its own database on every run, so it never writes where `--db`
    /// points (that may be the user's own database): `--db` is refused, with where the demo's is.
    /// - Throws: `UsageError` (exit 64).
    static func refuseDatabaseOption(_ context: CommandContext, databasePath: String) throws {
        guard context.arguments.value("--db") != nil else { return }
        throw UsageError(
            "demo takes no --db: it rebuilds its own database, \(databasePath), on every run (choose its folder "
                + "with --work DIR); then use it with --db, as in 'multiplier status --db \(databasePath)'",
            command: "demo")
    }

    /// The week the demo shows: the last ISO week that the sample's data covers to its end and
    /// in which tasks finished (`ReportCommand.latestWholeWeek`, without today's date: the output
    /// never depends on it, and a newcomer does not meet a half-recorded week), with the reason in a sentence.
    static func demoWeek(_ tasks: [WorkTask]) -> (week: ISOWeek, reason: String) {
        guard let last = tasks.map(\.end).max(), let lastWork = tasks.filter({ !$0.bot }).map(\.end).max() else {
            return (ISOWeek(containing: 0), "The sample holds no finished task.")
        }
        guard let week = ReportCommand.latestWholeWeek(tasks, now: nil) else {
            return (ISOWeek(containing: lastWork), "The sample covers no complete week; this is the week of its last task.")
        }
        return (
            week,
            "Week \(week) is the sample's last complete week with finished tasks: its data ends on "
                + "\(Timestamp.iso8601(last).prefix(10)), in the middle of \(ISOWeek(containing: last)), which would show a partial week.")
    }

    /// The sample's weekly report (see `demoWeek`) on the terminal, and the reports `Reports/` keeps.
    static func writeReports(
        _ tasks: [WorkTask], data: String, to folder: String, database: Database, _ context: CommandContext
    ) throws {
        let analysis = RetroAnalysis()
        let (week, reason) = demoWeek(tasks)
        var weeklyFigures = analysis.weekly(tasks, week: week)
        weeklyFigures.reviewFirst = try ReportCommand.reviewFirst(
            tasks.filter { $0.end >= week.start && $0.end < week.end }, history: tasks, settings: Settings(),
            database: database, context, week: week)
        let weekly = ReportBuilders.weekly(weeklyFigures)
        let retro = analysis.run(tasks, since: nil, until: nil)
        let document = ReportBuilders.retro(retro, scope: "the sample team (acme-shop)")
        let backlog = try PlanCommand.read(data + "/backlog.csv", classifier: Classifier())
        // The sample's history is fixed: its reports do not depend on today's date.
        let capacity = ForecastModel.recentCapacity(tasks, now: .max) ?? (40, "no history: 40 hours assumed")
        let forecast = ForecastModel(history: tasks).run(backlog, capacity: capacity.hours, capacitySource: capacity.source)
        let plan = PlanDocuments.forecast(forecast, backlog: backlog, file: "SampleData/backlog.csv")
        let files: [(String, String)] = [
            ("weekly.md", MarkdownRenderer.render(weekly)), ("weekly.html", HTMLRenderer.render(weekly)),
            ("retro.md", MarkdownRenderer.render(document)),
            ("retro.html", HTMLRenderer.render(document)), ("retro.json", try JSONOutput.encode(retro) + "\n"),
            ("plan.md", MarkdownRenderer.render(plan)), ("plan.html", HTMLRenderer.render(plan)),
        ]
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        } catch {
            throw CommandError.io("cannot write the reports in \(folder): \(error.localizedDescription)")
        }
        context.console.line("")
        context.console.line(TextRenderer.wrap(reason, width: context.console.width))
        context.console.line("")
        context.console.out(TextRenderer.render(weekly, width: context.console.width))
        context.console.line("")
        context.console.line("Wrote \(files.map(\.0).joined(separator: ", ")) in \(folder)")
    }

    /// How many tasks per zone and category, and how many AI-assisted.
    static func taskSummary(_ tasks: [WorkTask]) -> [String] {
        let work = tasks.filter { !$0.bot }
        var lines = [
            "\(tasks.count) tasks (\(tasks.count - work.count) by bots, kept apart): "
                + "\(work.filter(\.ai).count) AI-assisted, \(work.filter { !$0.ai }.count) without AI"
        ]
        for zone in Zone.allCases {
            let inZone = work.filter { $0.category.zone == zone }
            let counts = Category.allCases.filter { $0.zone == zone }.compactMap { category -> String? in
                let count = inZone.filter { $0.category == category }.count
                return count == 0 ? nil : "\(category.rawValue) \(count)"
            }
            lines.append(
                "\(zone.rawValue) zone: \(inZone.count) tasks, \(inZone.filter(\.ai).count) AI-assisted"
                    + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))"))
        }
        return lines
    }

    /// `--data`, else `./SampleData`, else the package's `SampleData` found above the binary.
    static func sampleData(_ context: CommandContext) throws -> String {
        var candidates: [String] = []
        if let data = context.arguments.value("--data") {
            candidates = [context.absolute(data)]
        } else {
            candidates.append(context.absolute("SampleData"))
            var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
                .deletingLastPathComponent()
            for _ in 0..<5 {
                candidates.append(directory.appendingPathComponent("SampleData").path)
                directory.deleteLastPathComponent()
            }
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/repo.fi") {
            return candidate
        }
        throw CommandError.missingInput(
            "\(candidates[0])/repo.fi: no sample data; run from the package folder or pass --data DIR")
    }

    /// `git init` + `git fast-import` of the stream, then a checkout of main.
    static func importHistory(from stream: String, into repository: String, environment: [String: String]) throws {
        let git = GitInvocation(repository: repository, environment: environment)
        _ = try git.output(["init", "-q", "-b", "main"])
        let process = try StreamingProcess(
            executable: "git", arguments: git.arguments(["fast-import", "--quiet"]), environment: git.environment,
            standardInput: stream)
        _ = try process.readAllOutput()
        let status = try process.waitForStatus()
        guard status == 0 else {
            let detail = process.standardError.split(separator: "\n").first.map(String.init) ?? "status \(status)"
            throw CommandError.badData("\(stream): git fast-import failed: \(detail)")
        }
        _ = try git.output(["reset", "-q", "--hard", "main"])
    }
}
