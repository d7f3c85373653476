import Foundation
import Ingestion
import Model
import Storage
import Support

/// `multiplier ingest sessions [PATH...]`.
enum IngestSessions {
    static func run(_ context: CommandContext, paths: [String]) throws -> ExitCode {
        let tools = try context.arguments.value("--tool").map { try IngestCommand.tools(named: $0, command: "ingest") }
        for path in paths where !FileManager.default.fileExists(atPath: context.absolute(path)) {
            throw CommandError.missingInput("\(context.absolute(path)): no such file or directory")
        }
        let database = try context.openDatabase()
        let repositories = try CommitStore(database: database).repositories()
        let home = context.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let known = try KnownFormats(store: SessionStore(database: database))
        var entries: [SessionLogEntry]
        var unreadable: [String] = []
        if paths.isEmpty {
            let locator = SessionLogLocator(environment: context.environment, home: home)
            let locations = locator.locate(aiderRepositories: repositories.map(\.root))
            let standardRoots = locator.claudeRoots + locator.codexRoots + locator.geminiRoots + locator.clineRoots
                + [home + "/.copilot/session-state"]
            // A standard folder this user may not read hides every log in it: said, not passed over.
            for root in standardRoots {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue, access(root, R_OK | X_OK) != 0 {
                    unreadable.append(root)
                }
            }
            entries = locations.compactMap { location in
                guard let format = known.format(of: location.path) else {
                    // Named like a log of the tool in its own folder, but not readable by this user.
                    if FileKind(path: location.path) == .regular && access(location.path, R_OK) != 0 {
                        unreadable.append(location.path)
                    }
                    return nil
                }
                return SessionLogEntry(path: location.path, format: format, inputHistory: location.inputHistory)
            }
            // Say what was found where: per standard folder (or repository, for aider), how many logs.
            let roots = (standardRoots + repositories.map(\.root)).sorted { $0.count > $1.count }
            var counts: [String: Int] = [:]
            for entry in entries {
                let root = roots.first { entry.path == $0 || entry.path.hasPrefix($0 + "/") } ?? (entry.path as NSString).deletingLastPathComponent
                counts["\(entry.tool) in \(root)", default: 0] += 1
            }
            for (place, count) in counts.sorted(by: { $0.key < $1.key }) {
                context.notes.note("found \(count) \(place)")
            }
            if entries.isEmpty {
                context.notes.note("no session logs in the standard places (\(locator.claudeRoots.joined(separator: ", ")), "
                    + "\(locator.codexRoots.joined(separator: ", ")), …) or in \(repositories.count) ingested repositories")
            }
        } else {
            entries = SessionIngestor.entries(under: paths.map(context.absolute), known: known, unreadable: &unreadable)
        }
        // Files in the folders walked that this user may not read: each said, and counted by --strict.
        for path in unreadable.prefix(20) {
            context.notes.note("skipped \(path): cannot be read by this user (permissions)")
        }
        if unreadable.count > 20 { context.notes.note("skipped \(unreadable.count - 20) more that cannot be read") }
        // A file named on the command line that is no log of a known tool is said, not passed over
        // (a folder's other files are: a log folder holds indexes, settings and the like).
        var unrecognised: [String] = []
        for path in paths.map(context.absolute) {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                known.format(of: path) == nil
            else { continue }
            unrecognised.append(path)
            switch FileKind(path: path) {
            case .regular where access(path, R_OK) != 0:
                context.notes.note("skipped \(path): cannot be read (\(String(cString: strerror(errno))))")
            case .regular:
                context.notes.note("skipped \(path): not recognised as a session log of a supported tool (FORMATS.md)")
            default:
                context.notes.note("skipped \(path): not a regular file (a pipe, socket or device is no log)")
            }
        }
        if let tools { entries.removeAll { !tools.contains($0.tool) } }

        if entries.contains(where: { $0.format.tool == "claude-code" }) {
            let configured = context.environment["CLAUDE_CONFIG_DIR"].map { $0.split(separator: ",").map(String.init) }
            let directories = configured ?? [home + "/.claude", home + "/.config/claude"]
            if let warning = ClaudeRetention.warning(configDirectories: directories) { context.notes.note(warning) }
        }
        let ingestor = SessionIngestor(
            database: database, environment: context.environment,
            keepPrompts: context.arguments.has("--keep-prompts"))
        let report = try ingestor.ingest(entries, repositories: repositories)
        for (path, count, examples) in report.malformed {
            context.notes.note("\(count) malformed line\(count == 1 ? "" : "s") skipped in \(path)" + Self.places(examples, path: path))
        }
        for (path, reason) in report.skipped { context.notes.note("skipped \(path): \(reason)") }
        if let note = unreadNote(report.unread) { context.notes.note(note) }
        let found = report.found.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        context.console.line(
            "session logs: \(entries.count) found (\(found.isEmpty ? "none" : found.joined(separator: ", "))), "
                + "\(report.read) read, \(report.unchanged) unchanged, \(report.rewritten) rewritten"
                + (report.readAgain > 0 ? ", \(report.readAgain) read again for commits ingested since" : "") + "; "
                + "\(report.newSessions) new session\(report.newSessions == 1 ? "" : "s"), "
                + "\(report.updatedSessions) updated")
        if !repositories.isEmpty { try TaskBuilding.rebuild(context, database: database) }
        // A log read to nothing but records of unknown types was not read, as an unrecognised file was not.
        let unusable = report.skipped.count + unrecognised.count + unreadable.count + report.unread.count
        if context.arguments.has("--strict") && (report.malformedTotal > 0 || unusable > 0) {
            throw CommandError.badData(
                "\(report.malformedTotal) malformed line\(report.malformedTotal == 1 ? "" : "s") and \(unusable) "
                    + "unreadable or unrecognised file\(unusable == 1 ? "" : "s") (--strict)")
        }
        return .success
    }

    /// How many logs, of which tools, gave sessions with nothing read from them but held records of unknown
    /// types (`SessionIngestReport.unread`), naming the first few; nil when none did. One line per run.
    static func unreadNote(_ unread: [(path: String, tool: String)]) -> String? {
        guard !unread.isEmpty else { return nil }
        var counts: [String: Int] = [:]
        for log in unread { counts[log.tool, default: 0] += 1 }
        let tools = counts.count == 1
            ? unread[0].tool : counts.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
        let shown = unread.map(\.path).sorted().prefix(unreadPathLimit).joined(separator: ", ")
        let more = unread.count > unreadPathLimit ? " and \(unread.count - unreadPathLimit) more" : ""
        let one = unread.count == 1
        return "\(unread.count) log\(one ? "" : "s") of \(tools) held only records this version does not know "
            + "(a newer format?): \(one ? "its session has" : "their sessions have") no prompts, tokens or files "
            + "(\(shown)\(more))"
    }

    /// How many of those logs the note names.
    static let unreadPathLimit = 3

    /// Where a log's malformed lines are, from the readers' first few messages: the first in full,
    /// the others without the path they share (`; also line 9: expected …`), and how many more there are
    /// when the readers kept no message for them. Empty when there is no message.
    static func places(_ examples: [String], path: String) -> String {
        guard let first = examples.first else { return "" }
        let others = examples.dropFirst().map { example -> String in
            guard example.hasPrefix(path) else { return example }
            let rest = example.dropFirst(path.count)
            // `path:9: …` or `path: line 9 after byte B: …`.
            return rest.hasPrefix(":") && rest.dropFirst().first?.isNumber == true
                ? "line " + rest.dropFirst() : String(rest.drop { $0 == ":" || $0 == " " })
        }
        return " (first: \(first)" + others.map { "; also \($0)" }.joined() + ")"
    }
}
