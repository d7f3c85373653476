import Foundation
import Storage
import Support

/// `multiplier status`: what the database holds.
enum StatusCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "status", summary: "show the database and what it holds per repository",
            usage: "status [--format text|json] [--db PATH]",
            options: [.value("--format", "FORMAT", "text (default) or json")]),
        run: run)

    /// The JSON layout of `status --format json`; keys are stable.
    struct Report: Encodable {
        struct RepositoryEntry: Encodable {
            var path: String
            var origin: String?
            var commits: Int
            var mergeCommits: Int
            var linesAdded: Int
            var linesDeleted: Int
            var aiCommits: [String: Int]
            var botCommits: Int
            var lastIngest: String?
            /// Whether the checkout is still there (a folder moved or deleted since is not).
            var onDisk: Bool
            /// The other ingested checkouts of the same history: their work is counted once, under one of them.
            var sameHistoryAs: [String]

            // Written by hand so that absent values are `null` rather than missing keys.
            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(path, forKey: .path)
                try container.encode(origin, forKey: .origin)
                try container.encode(commits, forKey: .commits)
                try container.encode(mergeCommits, forKey: .mergeCommits)
                try container.encode(linesAdded, forKey: .linesAdded)
                try container.encode(linesDeleted, forKey: .linesDeleted)
                try container.encode(aiCommits, forKey: .aiCommits)
                try container.encode(botCommits, forKey: .botCommits)
                try container.encode(lastIngest, forKey: .lastIngest)
                try container.encode(onDisk, forKey: .onDisk)
                try container.encode(sameHistoryAs, forKey: .sameHistoryAs)
            }

            enum CodingKeys: String, CodingKey {
                case path, origin, commits, mergeCommits, linesAdded, linesDeleted, aiCommits, botCommits, lastIngest, onDisk
                case sameHistoryAs
            }
        }
        var database: String
        var schemaVersion: Int
        var repositories: [RepositoryEntry]
        /// Sessions stored per tool.
        var sessions: [String: Int]
        /// Malformed session-log lines skipped over all runs.
        var skippedLines: Int
    }

    static func run(_ context: CommandContext) throws -> ExitCode {
        let format = context.arguments.value("--format") ?? "text"
        guard ["text", "json"].contains(format) else {
            throw UsageError("unknown format '\(format)' for 'status'; expected text or json", command: "status")
        }
        // Status reads; a mistyped --db is a missing database (66), not a new one.
        let database = try context.openDatabase(existing: true)
        // Bots the configuration names count as bots here too, as in the tasks.
        let bots = try TaskBuilding.config(context, database: database).bots.map { $0.lowercased() }
        let store = CommitStore(database: database)
        let repositories = try store.repositories()
        // Checkouts of one history share it (`CommandContext.checkouts`).
        let identities = try store.historyIdentities()
        let report = Report(
            database: database.path, schemaVersion: try database.schemaVersion(),
            repositories: try store.summaries(bots: bots).map { summary in
                let identity = repositories.first { $0.root == summary.path }.flatMap { identities[$0.id] }
                let same = identity.map { identity in
                    repositories.filter { $0.root != summary.path && identities[$0.id] == identity }.map(\.root).sorted()
                } ?? []
                return Report.RepositoryEntry(
                    path: summary.path, origin: summary.origin, commits: summary.commits,
                    mergeCommits: summary.mergeCommits, linesAdded: summary.linesAdded,
                    linesDeleted: summary.linesDeleted, aiCommits: summary.aiCommits, botCommits: summary.botCommits,
                    lastIngest: summary.lastIngest.map(Timestamp.iso8601), onDisk: FileManager.default.fileExists(atPath: summary.path),
                    sameHistoryAs: same)
            },
            sessions: try SessionStore(database: database).countsByTool(),
            skippedLines: try SessionStore(database: database).skippedLines())
        if format == "json" {
            context.console.line(try JSONOutput.encode(report))
        } else {
            context.console.out(Format.printable(text(report)))
        }
        return .success
    }

    static func text(_ report: Report) -> String {
        var text = "database  \(report.database) (schema \(report.schemaVersion))\n"
        let sessions = report.sessions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        text += "sessions  \(sessions.isEmpty ? "none" : sessions.joined(separator: ", "))"
            + (report.skippedLines > 0 ? " (\(report.skippedLines) malformed log lines skipped)" : "") + "\n"
        if report.repositories.isEmpty {
            return text + "no repositories yet: run 'multiplier ingest git PATH'\n"
        }
        for repository in report.repositories {
            let ai = repository.aiCommits.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            text += """

                \(repository.path)\(repository.onDisk ? "" : " (no longer on disk: moved or removed)")
                  commits       \(repository.commits) (\(repository.mergeCommits) merges, \(repository.botCommits) by bots)
                  lines         +\(repository.linesAdded) -\(repository.linesDeleted)
                  AI-marked     \(ai.isEmpty ? "none" : ai.joined(separator: ", "))
                  last ingest   \(repository.lastIngest ?? "never")

                """
            if !repository.sameHistoryAs.isEmpty {
                text += "  same history  \(repository.sameHistoryAs.joined(separator: ", ")) (its work is counted once, in one of them)\n"
            }
        }
        return text
    }
}

/// JSON as every command prints it: sorted keys, no escaped slashes, pretty-printed.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
