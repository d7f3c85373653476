import Analysis
import Foundation
import Model
import Storage
import Support

/// `multiplier sessions`: one row per stored session.
enum SessionsCommand {
    static let definition = CommandDefinition(
        spec: CommandSpec(
            name: "sessions", summary: "list the AI sessions read from the assistants' logs",
            usage: "sessions [--since DATE] [--until DATE] [--tool NAME] [--repo PATH|NAME] [--format text|json|csv]",
            options: [
                .value("--since", "DATE", "sessions active on or after this date (2026-11-02 or an ISO 8601 instant)"),
                .value("--until", "DATE", "sessions that started before this date"),
                .value("--tool", "NAME", "claude (or claude-code), codex, aider, gemini, cline (with roo-code and kilo-code), roo-code, kilo-code or copilot"),
                .value("--repo", "REPO", "an ingested repository, by root path or name"),
                .value("--format", "FORMAT", "text (default), json or csv"),
            ],
            discussion: "Active time is the sum of gaps of at most 10 minutes between a session's events; a "
                + "session's sub-agents are merged in, so parallel work is not counted twice."),
        run: run)

    /// The JSON layout of one session; keys are stable.
    struct Entry: Encodable {
        struct Tokens: Encodable {
            var input: Int
            var output: Int
            var cacheWrite: Int
            var cacheRead: Int
        }
        var tool: String
        var id: String
        var parent: String?
        var source: String
        var repository: String?
        var repositoryEvidence: String?
        var branch: String?
        var start: String?
        var end: String?
        var activeSeconds: Int
        var prompts: Int
        var models: [String]
        var tokens: Tokens
        var filesEdited: [String]
        var commits: [String]
        var workflow: Workflow
        /// The assistant context files in the repository's history at the session's start (CLAUDE.md,
        /// AGENTS.md, …, METHOD.md "Ways of working"); null when the session has no repository or start.
        var contextFiles: [ContextFile]?

        struct ContextFile: Encodable {
            var path: String
            var lines: Int
            /// The context file this one is a symbolic link to, whose lines it has (absent for a file).
            var link: String?
        }

        /// How the session went about its work (WORKFLOW.md); null where the log does not tell.
        struct Workflow: Encodable {
            var start: String
            var startEvidence: String?
            var correctionsBeforeEdit: Int?
            var correctionsAfterEdit: Int?
            var subagents: Int?

            init(_ workflow: SessionWorkflow) {
                start = workflow.start.rawValue
                startEvidence = workflow.startEvidence
                correctionsBeforeEdit = workflow.correctionsBeforeEdit
                correctionsAfterEdit = workflow.correctionsAfterEdit
                subagents = workflow.subagents
            }

            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(start, forKey: .start)
                try container.encode(startEvidence, forKey: .startEvidence)
                try container.encode(correctionsBeforeEdit, forKey: .correctionsBeforeEdit)
                try container.encode(correctionsAfterEdit, forKey: .correctionsAfterEdit)
                try container.encode(subagents, forKey: .subagents)
            }

            enum CodingKeys: String, CodingKey {
                case start, startEvidence, correctionsBeforeEdit, correctionsAfterEdit, subagents
            }
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(tool, forKey: .tool)
            try container.encode(id, forKey: .id)
            try container.encode(parent, forKey: .parent)
            try container.encode(source, forKey: .source)
            try container.encode(repository, forKey: .repository)
            try container.encode(repositoryEvidence, forKey: .repositoryEvidence)
            try container.encode(branch, forKey: .branch)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
            try container.encode(activeSeconds, forKey: .activeSeconds)
            try container.encode(prompts, forKey: .prompts)
            try container.encode(models, forKey: .models)
            try container.encode(tokens, forKey: .tokens)
            try container.encode(filesEdited, forKey: .filesEdited)
            try container.encode(commits, forKey: .commits)
            try container.encode(workflow, forKey: .workflow)
            try container.encode(contextFiles, forKey: .contextFiles)
        }

        enum CodingKeys: String, CodingKey {
            case tool, id, parent, source, repository, repositoryEvidence, branch, start, end, activeSeconds, prompts, models, tokens
            case filesEdited, commits, workflow, contextFiles
        }
    }

    static func run(_ context: CommandContext) throws -> ExitCode {
        let format = context.arguments.value("--format") ?? "text"
        guard ["text", "json", "csv"].contains(format) else {
            throw UsageError("unknown format '\(format)' for 'sessions'; expected text, json or csv", command: "sessions")
        }
        var filter = SessionStore.Filter()
        if let since = context.arguments.value("--since") {
            filter.sinceMs = try TimeArgument.milliseconds(since, option: "--since", command: "sessions")
        }
        if let until = context.arguments.value("--until") {
            filter.untilMs = try TimeArgument.milliseconds(until, option: "--until", command: "sessions")
        }
        if let since = filter.sinceMs, let until = filter.untilMs, since >= until {
            throw UsageError(
                "--since \(context.arguments.value("--since") ?? "") is not before --until \(context.arguments.value("--until") ?? ""): "
                    + "no session falls between them", command: "sessions")
        }
        if let tool = context.arguments.value("--tool") {
            filter.tools = try IngestCommand.tools(named: tool, command: "sessions")
        }
        let database = try context.openDatabase(existing: true)
        let commits = CommitStore(database: database)
        if let name = context.arguments.value("--repo") {
            filter.repository = try context.repository(name, among: try commits.repositories(), command: "sessions").root
        }
        let store = SessionStore(database: database)
        let sessions = try store.sessions(filter)
        let workflows = try store.workflows()
        var histories: [String: ContextFiles] = [:]
        for repository in try commits.repositories() where sessions.contains(where: { $0.repository == repository.root }) {
            // With the repository at hand, git tells which context files are links (`CLAUDE.md` → `AGENTS.md`).
            histories[repository.root] = try ReportCommand.contextFileHistory(repository, store: commits, context)
        }
        let entries = sessions.map { session in
            var entry = entry(session, workflow: workflows[session.tool + "/" + session.id] ?? SessionWorkflow())
            if let root = session.repository, let history = histories[root], let start = session.startMs {
                entry.contextFiles = history.present(at: start / 1000).map {
                    Entry.ContextFile(path: $0.path, lines: $0.lines, link: $0.link)
                }
            }
            return entry
        }
        switch format {
        case "json": context.console.line(try JSONOutput.encode(entries))
        case "csv": context.console.out(csv(entries))
        default: context.console.out(text(entries, width: context.console.width))
        }
        return .success
    }

    static func entry(_ session: SessionSummary, workflow: SessionWorkflow) -> Entry {
        Entry(
            tool: session.tool, id: session.id, parent: session.parent, source: session.source,
            repository: session.repository, repositoryEvidence: session.repositoryEvidence, branch: session.branch,
            start: session.startMs.map { Timestamp.iso8601($0 / 1000) }, end: session.endMs.map { Timestamp.iso8601($0 / 1000) },
            activeSeconds: session.activeSeconds, prompts: session.prompts, models: session.models,
            tokens: Entry.Tokens(
                input: session.tokens.input, output: session.tokens.output, cacheWrite: session.tokens.cacheWrite,
                cacheRead: session.tokens.cacheRead),
            filesEdited: session.filesEdited, commits: session.commits, workflow: Entry.Workflow(workflow))
    }

    static func csv(_ entries: [Entry]) -> String {
        var text = CSV.row([
            "tool", "id", "parent", "repository", "branch", "start", "end", "active_seconds", "prompts", "models",
            "input_tokens", "output_tokens", "cache_write_tokens", "cache_read_tokens", "files_edited", "commits", "source",
            "repository_evidence", "workflow_start", "workflow_start_evidence", "corrections_before_edit",
            "corrections_after_edit", "subagents", "context_files",
        ])
        for entry in entries {
            text += CSV.row([
                entry.tool, entry.id, entry.parent ?? "", entry.repository ?? "", entry.branch ?? "", entry.start ?? "",
                entry.end ?? "", "\(entry.activeSeconds)", "\(entry.prompts)", entry.models.joined(separator: " "),
                "\(entry.tokens.input)", "\(entry.tokens.output)", "\(entry.tokens.cacheWrite)",
                "\(entry.tokens.cacheRead)", "\(entry.filesEdited.count)", entry.commits.joined(separator: " "),
                entry.source, entry.repositoryEvidence ?? "", entry.workflow.start, entry.workflow.startEvidence ?? "",
                entry.workflow.correctionsBeforeEdit.map(String.init) ?? "",
                entry.workflow.correctionsAfterEdit.map(String.init) ?? "", entry.workflow.subagents.map(String.init) ?? "",
                entry.contextFiles.map { $0.map { "\($0.path)\($0.link.map { "->" + $0 } ?? ""):\($0.lines)" }.joined(separator: " ") } ?? "",
            ])
        }
        return text
    }

    static func text(_ entries: [Entry], width: Int) -> String {
        guard !entries.isEmpty else { return "no sessions: run 'multiplier ingest sessions'\n" }
        let header = ["TOOL", "START", "ACTIVE", "REPOSITORY", "BRANCH", "PROMPTS", "FILES", "TOKENS"]
        let rows = entries.map { entry -> [String] in
            let tokens = entry.tokens.input + entry.tokens.output + entry.tokens.cacheWrite + entry.tokens.cacheRead
            return [
                entry.parent == nil ? entry.tool : "  ↳ sub-agent", entry.start ?? "-",
                "\(entry.activeSeconds / 60) min", entry.repository.map { ($0 as NSString).lastPathComponent } ?? "-",
                entry.branch ?? "-", "\(entry.prompts)", "\(entry.filesEdited.count)", "\(tokens)",
            ]
        }
        let table = Format.table(
            header: header, rows: rows, width: width, rightAligned: [2, 5, 6, 7], priority: [0, 1, 2, 3, 7, 5, 6, 4],
            elsewhere: "--format csv or json has every column")
        return table + "\(entries.count) session\(entries.count == 1 ? "" : "s")\n"
    }
}
