import Foundation
import Ingestion
import Model
import Storage
import Support
import Tasks

/// `multiplier export`: this machine's sessions, metadata only, for a teammate to merge.
enum ExportCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "export", summary: "write this machine's sessions (metadata only) to a file a teammate can merge",
            usage: "export --out FILE [--since DATE] [--repo REPO]... [--pseudonymize --key-file FILE] [--exporter NAME]",
            options: [
                .value("--out", "FILE", "the export to write (replaced if it exists)"),
                .value("--since", "DATE", "only sessions active on or after this date"),
                .value("--repo", "REPO", "only sessions in this ingested repository (repeatable)"),
                .flag("--pseudonymize", "replace names, emails and user folders with keyed pseudonyms (needs --key-file)"),
                .value(
                    "--key-file", "FILE",
                    "the team's secret for pseudonyms: the same key on every machine makes merges agree (a key pseudonymises, with or without --pseudonymize)"),
                .value("--exporter", "NAME", "who exports (default: git config user.email, else $USER)"),
                TaskBuilding.configOption,
            ],
            discussion: """
                An export holds sessions (tool, id, repository by root commit, origin and name, branch, owner,
                event times, models, repository-relative files edited, commits referenced, token totals, and the
                counts of the classifier's vocabulary words in its prompts, the working directory) and a machine
                id. Never prompt text, file contents, log paths or absolute paths of edited files. The working
                directory and an aider session's id (its history's folder) are paths of this machine:
                --pseudonymize leaves the first out and replaces the second.
                """),
        run: run)

    static func run(_ context: CommandContext) throws -> ExitCode {
        guard let out = context.arguments.value("--out").map(context.absolute) else {
            throw UsageError("'export' needs --out FILE", command: "export")
        }
        let pseudonymize = context.arguments.has("--pseudonymize")
        let key = try context.arguments.value("--key-file").map { try Pseudonyms.key(context.absolute($0)) }
        if pseudonymize && key == nil {
            throw UsageError("--pseudonymize needs --key-file FILE (the team's shared secret)", command: "export")
        }
        // Only reads: a mistyped --db is refused, not exported as an empty machine.
        let database = try context.openDatabase(existing: true)
        let since = try context.arguments.value("--since").map {
            try TimeArgument.milliseconds($0, option: "--since", command: "export")
        }
        var roots: Set<String>?
        let repositories = try CommitStore(database: database).repositories()
        if let names = context.arguments.values["--repo"] {
            roots = Set(try names.map { try context.repository($0, among: repositories, command: "export").root })
        }
        let team = TeamStore(database: database)
        var sessions = try team.exportableSessions(sinceMs: since, repositoryRoots: roots)
        let config = try TaskBuilding.config(context, database: database)
        let identities = SessionOwners.identities(
            try team.authors(), aliases: PersonAliases.resolved(config.aliases.merging(try team.aliases()) { _, stored in stored }))
        let pseudonyms = key.map(Pseudonyms.init)
        for index in sessions.indices {
            sessions[index].owner = SessionOwners.owner(
                workingDirectory: sessions[index].workingDirectory, source: sessions[index].source, identities: identities)
            if let pseudonyms { pseudonyms.apply(to: &sessions[index]) }
        }
        var exporter = context.arguments.value("--exporter") ?? defaultExporter(context)
        if let pseudonyms { exporter = pseudonyms.name(exporter) }
        let info = ExportInfo(
            machine: try team.machineID(), exporter: exporter, created: Int64(Date().timeIntervalSince1970),
            pseudonymized: pseudonyms != nil)
        do {
            try ExportFile.write(sessions, info: info, to: out)
        } catch let error as CocoaError {
            throw CommandError.io("cannot write \(out): \(error.localizedDescription)")
        }
        context.console.line(
            "\(out): \(sessions.count) sessions from machine \(info.machine)\(pseudonyms != nil ? ", pseudonymised" : "")")
        return .success
    }

    static func defaultExporter(_ context: CommandContext) -> String {
        let git = GitInvocation(repository: context.currentDirectory, environment: context.environment)
        if let result = try? git.status(["config", "--get", "user.email"]),  // no git or no user.email: the login name
            result.status == 0, !result.output.isEmpty
        {
            return result.output
        }
        return context.environment["USER"] ?? "unknown"
    }
}

/// Keyed pseudonyms (HMAC-SHA256 with the team's secret): the same person gets the same
/// pseudonym on every machine that has the key, and no one without it can reverse it.
struct Pseudonyms {
    let key: [UInt8]

    static func key(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError.missingInput("cannot read the key file \(path)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count >= 16 else {
            throw CommandError.badData("\(path): the key must hold at least 16 characters of secret")
        }
        return Array(text.utf8)
    }

    /// `p-` and 16 hex digits for a name, email or login (case ignored).
    func name(_ text: String) -> String {
        "p-" + String(SHA256.hex(SHA256.hmac(key: key, message: Array(text.lowercased().utf8))).prefix(16))
    }

    /// Owner and path-like session ids pseudonymised; the working directory left out (its
    /// folders name people and machines, and the owner already says whose session it is).
    func apply(to session: inout ExportedSession) {
        session.owner = session.owner.map(name)
        session.workingDirectory = nil
        if session.key.contains("/") { session.key = name(session.key) }
        if let parent = session.parentKey, parent.contains("/") { session.parentKey = name(parent) }
    }
}

/// `multiplier merge FILE...`: teammates' exports into this database.
enum MergeCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "merge", summary: "bring teammates' exports into this database (idempotent, in any order)",
            usage: "merge FILE... [--key-file FILE]",
            options: [
                .value("--key-file", "FILE", "the team's secret: recognises pseudonymised owners as this database's authors"),
                TaskBuilding.configOption,
            ],
            positionals: [("FILE...", "exports written by 'multiplier export'")], minimumPositionals: 1, maximumPositionals: nil,
            discussion: """
                The same export twice adds nothing; two machines' views of one session are one row; a session this
                machine read from its own logs is kept as read. Reports include merged sessions with --team.
                """),
        run: run)

    static func run(_ context: CommandContext) throws -> ExitCode {
        let database = try context.openDatabase()
        let team = TeamStore(database: database)
        let pseudonyms = try context.arguments.value("--key-file").map { Pseudonyms(key: try Pseudonyms.key(context.absolute($0))) }
        var owners: [String: String] = [:]
        if let pseudonyms {
            for author in try team.authors() { owners[pseudonyms.name(author.email)] = author.email }
        }
        let now = Int64(Date().timeIntervalSince1970)
        for path in context.arguments.positionals.map(context.absolute) {
            guard FileManager.default.fileExists(atPath: path) else { throw CommandError.missingInput("\(path): no such file") }
            let (info, read) = try ExportFile.read(path: path)
            guard info.machine != (try team.machineID()) else {
                context.notes.note("\(path): this machine's own export; nothing to merge")
                continue
            }
            var sessions = read
            for index in sessions.indices {
                if let owner = sessions[index].owner, let known = owners[owner] { sessions[index].owner = known }
            }
            let result = try team.merge(sessions, info: info, time: now)
            var parts = ["\(result.added) added", "\(result.updated) updated"]
            if result.unchanged > 0 { parts.append("\(result.unchanged) unchanged (as merged before, or older)") }
            if result.alreadyLocal > 0 { parts.append("\(result.alreadyLocal) already read here") }
            if result.tied > 0 { parts.append("\(result.tied) tied to repositories ingested since") }
            if result.withoutRepository > 0 {
                parts.append(
                    "\(result.withoutRepository) in repositories not ingested here (they count for no task: ingest "
                        + "those repositories with 'ingest git', then merge this export again)")
            }
            context.console.line("\(path): machine \(info.machine) (\(info.exporter)): \(parts.joined(separator: ", "))")
        }
        try TaskBuilding.rebuild(context, database: database)
        return .success
    }
}

/// `multiplier people`: who the authors are, and which names and emails are one person.
enum PeopleCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "people", summary: "list the people behind the commits, or say two identities are one person",
            usage: "people [--format text|json] | people merge PERSON ALIAS",
            options: [.value("--format", "FORMAT", "text (default) or json"), TaskBuilding.configOption],
            positionals: [("merge PERSON ALIAS", "ALIAS (a name or email) is the same person as PERSON (an email)")],
            minimumPositionals: 0, maximumPositionals: 3,
            discussion: """
                Identities are joined through git's .mailmap (applied when history is read), the aliases of
                .multiplier.json and 'people merge'. Tasks are rebuilt after a merge.
                """),
        run: run)

    struct Person: Encodable {
        var identity: String
        var names: [String]
        var emails: [String]
        var commits: Int
    }

    static func run(_ context: CommandContext) throws -> ExitCode {
        let positionals = context.arguments.positionals
        // Lists or joins the authors of a stored history: a database that is not there has none.
        let database = try context.openDatabase(existing: true)
        let team = TeamStore(database: database)
        if let first = positionals.first {
            guard first == "merge", positionals.count == 3 else {
                throw UsageError("expected 'people merge PERSON ALIAS'", command: "people")
            }
            let authors = try team.authors()
            let known = Set(authors.map(\.email))
            guard known.contains(positionals[1].lowercased()) else {
                throw UsageError("no author with the email '\(positionals[1])'; 'multiplier people' lists them", command: "people")
            }
            guard positionals[2].lowercased() != positionals[1].lowercased() else {
                throw UsageError("'\(positionals[2])' is already '\(positionals[1])': give another name or email as ALIAS", command: "people")
            }
            let alias = positionals[2].lowercased()
            if !authors.contains(where: { $0.email == alias || $0.names.contains { $0.lowercased() == alias } }) {
                // A typo, or a person whose commits are not ingested yet: said, and kept.
                context.notes.note(
                    "note: no author of the ingested history is named or has the email '\(positionals[2])' "
                        + "('multiplier people' lists them); the alias applies to commits and sessions that do")
            }
            try team.setAlias(positionals[2], person: positionals[1])
            try TaskBuilding.rebuild(context, database: database)
            context.console.line("\(positionals[2]) is now \(positionals[1].lowercased())")
            return .success
        }
        let config = try TaskBuilding.config(context, database: database)
        let aliases = PersonAliases.resolved(config.aliases.merging(try team.aliases()) { _, stored in stored })
        var people: [String: Person] = [:]
        for author in try team.authors() {
            let identity = aliases[author.email] ?? author.names.lazy.compactMap { aliases[$0.lowercased()] }.first ?? author.email
            var person = people[identity] ?? Person(identity: identity, names: [], emails: [], commits: 0)
            person.names = Array(Set(person.names + author.names)).sorted()
            person.emails = Array(Set(person.emails + [author.email])).sorted()
            person.commits += author.commits
            people[identity] = person
        }
        let list = people.values.sorted { $0.identity < $1.identity }
        if context.arguments.value("--format") == "json" {
            context.console.line(try JSONOutput.encode(list))
        } else if list.isEmpty {
            context.console.line("no people yet: run 'multiplier ingest git PATH' first")
        } else {
            context.console.out(
                Format.table(
                    header: ["IDENTITY", "COMMITS", "EMAILS", "NAMES"],
                    rows: list.map { [$0.identity, "\($0.commits)", $0.emails.joined(separator: ", "), $0.names.joined(separator: ", ")] },
                    width: context.console.width, rightAligned: [1], flexible: 3, elsewhere: "--format json has every column"))
        }
        return .success
    }
}
