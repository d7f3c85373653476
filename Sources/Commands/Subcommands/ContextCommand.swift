import Analysis
import Foundation
import Model
import Rendering
import Storage
import Support

/// `multiplier context`: the measured guidance for the assistants, printed, or written between
/// the markers of a context file (`CLAUDE.md`, `AGENTS.md`, …).
enum ContextCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "context", summary: "measured guidance for the assistants' context file (CLAUDE.md, AGENTS.md, …)",
            usage: "context [--repo REPO] [--file FILE] [--write]",
            options: [
                .value("--repo", "REPO", "the ingested repository (root path or name; needed when there are several)"),
                .value("--file", "FILE", "the context file, relative to the repository's root or absolute (default: AGENTS.md)"),
                .flag("--write", "replace the text between the multiplier markers in FILE (added at its end the first time; FILE created if missing)"),
                TaskBuilding.configOption,
            ],
            discussion: """
                Without --write, prints the section and what writing it would change. With --write, only the text between
                <!-- multiplier:begin --> and <!-- multiplier:end --> changes; every other byte of the file is kept, its line
                endings too, and the file is replaced atomically (its folder must be writable). A file that does not exist
                yet is created, in a folder that does. A second run with the same data changes nothing.
                """),
        run: run)

    static func run(_ context: CommandContext) throws -> ExitCode {
        let database = try context.openDatabase(existing: true)
        let repositories = try CommitStore(database: database).repositories()
        let repository: Repository
        if let name = context.arguments.value("--repo") {
            repository = try context.repository(name, among: repositories, command: "context")
        } else {
            guard repositories.count == 1, let only = repositories.first else {
                throw repositories.isEmpty
                    ? CommandError.missingInput("no repository in the database; run 'multiplier ingest git PATH' first")
                    : UsageError("\(repositories.count) repositories are ingested; name one with --repo", command: "context")
            }
            repository = only
        }
        let config = try TaskBuilding.config(context, database: database)
        let roots = try context.checkouts(of: repository, among: repositories, database: database)
        let tasks = try TaskBuilding.tasks(context, database: database).filter { roots.contains($0.repository) }
        let retro = RetroAnalysis(settings: config.settings).run(tasks, since: nil, until: nil)
        let asOf = tasks.map(\.end).max().map { String(Timestamp.iso8601($0).prefix(10)) } ?? "no task yet"
        let practices = try ReportCommand.practicesResult(
            tasks, repositories: [repository], settings: config.settings, database: database, context, since: nil, until: nil)
        let lines = ContextSection.lines(
            retro: retro, reworked: try reworkedAreas(tasks, repository: repository, database: database),
            scope: repository.name, asOf: asOf, practices: practices)

        let file = context.arguments.value("--file") ?? "AGENTS.md"
        let path = file.hasPrefix("/") ? file : repository.root + "/" + file
        let writes = context.arguments.has("--write")
        let data: Data
        let exists: Bool
        switch FileKind(path: path) {
        case .missing:
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {  // no link: an error is the answer
                throw CommandError.missingInput(
                    "\(path) is a symbolic link to \(target), which does not exist; create it, or give another --file")
            }
            // A new file is written the way an existing one is, into a folder that must be there:
            // a missing folder is more likely a mistyped --file than a place to make.
            let folder = (FileKind.resolvingLinks(path) as NSString).deletingLastPathComponent
            guard FileKind(path: folder) == .folder else {
                throw CommandError.missingInput("\(path): its folder \(folder) does not exist; create it, or give another --file")
            }
            (data, exists) = (Data(), false)
        case .folder:
            throw CommandError.io("cannot \(writes ? "write" : "read") \(path): it is a folder")
        case .regular, .other:
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandError.io("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            (data, exists) = (contents, true)
        }
        // A byte-order mark is kept as it is (Foundation's decoding drops it): put back on writing.
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let marked = data.starts(with: bom)
        // Text that is not UTF-8 would come back with U+FFFD in place of its bytes: left as it is.
        guard let text = String(data: marked ? data.dropFirst(bom.count) : data, encoding: .utf8) else {
            throw CommandError.badData(
                "\(path):\(UTF8Validation.firstInvalidLine(Array(data)) ?? 1): expected UTF-8 text; the file was left as it is")
        }
        let updated: String
        do {
            updated = try MarkedBlock.splice(text, body: lines)
        } catch {
            throw CommandError.badData(
                "\(path): '\(MarkedBlock.begin)' has no '\(MarkedBlock.end)' after it; add the end marker or remove the begin marker")
        }
        func count(_ lines: Int, _ what: String = "line") -> String { "\(lines) \(what)\(lines == 1 ? "" : "s")" }
        guard writes else {
            context.console.out(lines.joined(separator: "\n") + "\n\n")
            let old = MarkedBlock.body(text)
            context.console.out(
                !exists ? "\(path) does not exist yet: --write would create it with this section between the markers.\n"
                    : updated == text ? "\(path): already up to date.\n"
                    : old == nil ? "\(path): --write would add this section at its end, between the markers.\n"
                    : "\(path): --write would replace its marked section (\(count(old?.count ?? 0))) with this one.\n")
            return .success
        }
        guard updated != text || !exists else {
            context.notes.note("\(path): already up to date")
            return .success
        }
        // A symbolic link (CLAUDE.md -> AGENTS.md) is written through: the file it names gets the
        // section, and the link stays a link; its permissions and owner stay.
        try OutputFile.write(marked ? "\u{FEFF}" + updated : updated, to: path)
        guard exists else {
            context.notes.note("\(path): created with the section between the markers")
            return .success
        }
        let old = MarkedBlock.body(text)
        let copies = MarkedBlock.count(text) - 1
        context.notes.note(
            "\(path): section written"
                + (old.map { ", replacing its \(count($0.count, "earlier line")) (text typed between the markers is not kept)" } ?? "")
                + (copies > 0 ? "; \(copies) more marked section\(copies == 1 ? "" : "s") removed, so the file says one thing" : ""))
        return .success
    }

    /// The areas (first two folders) whose AI-assisted tasks spent the largest share of their
    /// effort on rework, among areas with at least 5 such tasks; the top three.
    static func reworkedAreas(_ tasks: [WorkTask], repository: Repository, database: Database) throws -> [ContextSection.Area] {
        let files = Dictionary(
            try CommitStore(database: database).commits(repositoryID: repository.id).map { ($0.hash, $0.files.map(\.path)) },
            uniquingKeysWith: { first, _ in first })
        var areas: [String: (tasks: Int, effort: Double, rework: Double)] = [:]
        for task in tasks where task.ai && !task.bot && task.effortHours > 0 {
            let paths = Set(task.commits.flatMap { files[$0.hash] ?? [] }.map { path in
                path.split(separator: "/").dropLast().prefix(2).joined(separator: "/")
            }.filter { !$0.isEmpty })
            for area in paths {
                areas[area, default: (0, 0, 0)].tasks += 1
                areas[area, default: (0, 0, 0)].effort += task.effortHours
                areas[area, default: (0, 0, 0)].rework += task.reworkHours
            }
        }
        return areas.filter { $0.value.tasks >= 5 && $0.value.rework > 0 }
            .map { ContextSection.Area(path: $0.key, aiTasks: $0.value.tasks, reworkShare: $0.value.rework / $0.value.effort) }
            .sorted { ($0.reworkShare, $1.path) > ($1.reworkShare, $0.path) }.prefix(3).map { $0 }
    }
}
