import Foundation
import Support

/// Finds the session logs each assistant keeps in its standard places (FORMATS.md §0–7),
/// given an environment and a home folder (never the process's own, so tests stay hermetic).
///
/// - Claude Code: `CLAUDE_CONFIG_DIR` (one path or a comma-separated list; when set, only
///   those) `/projects`, else `~/.claude/projects` and `~/.config/claude/projects`: every `*.jsonl`
///   below, sub-agent transcripts included.
/// - Codex: `${CODEX_HOME:-~/.codex}/sessions` and `/archived_sessions`: `*.jsonl`, `*.jsonl.zst`,
///   `*.jsonl.gz`; a plain `.jsonl` wins over its compressed sibling, `sessions/` over the archive.
/// - Gemini CLI: `GEMINI_DATA_DIR` (comma-separated; a folder or its `tmp/`), else `~/.gemini/tmp`:
///   `*.json`/`*.jsonl` under `chats/` folders; a migrated `.jsonl` wins over its `.json`.
/// - Cline (and Roo Code, Kilo Code): task folders under the VS Code, Insiders, VSCodium and Cursor
///   `globalStorage` of Linux (`~/.config/…`) and macOS (`~/Library/Application Support/…`), and `~/.cline/data/tasks`.
/// - Copilot CLI: `~/.copilot/session-state/<id>/events.jsonl`.
/// - Aider: `.aider.chat.history.md` (with its `.aider.input.history`) in the repository roots given.
package struct SessionLogLocator: Sendable {
    /// One log to read.
    package struct Location: Equatable, Sendable {
        package var path: String
        package var tool: String
        /// Aider: the input history that goes with a chat history.
        package var inputHistory: String?

        package init(path: String, tool: String, inputHistory: String? = nil) {
            self.path = path
            self.tool = tool
            self.inputHistory = inputHistory
        }
    }

    private let environment: [String: String]
    private let home: String

    package init(environment: [String: String], home: String) {
        self.environment = environment
        self.home = home
    }

    /// Every log found, sorted by path within each tool (Claude, Codex, Gemini, Cline, Copilot, Aider).
    package func locate(aiderRepositories: [String] = []) -> [Location] {
        claudeLogs() + codexLogs() + geminiLogs() + clineTasks() + copilotLogs() + aiderLogs(in: aiderRepositories)
    }

    /// The `projects` folders Claude Code writes to.
    package var claudeRoots: [String] {
        if let configured = environment["CLAUDE_CONFIG_DIR"]?.trimmingCharacters(in: .whitespaces), !configured.isEmpty {
            return list(configured).map { ($0 as NSString).appendingPathComponent("projects") }
        }
        return [join(home, ".claude/projects"), join(home, ".config/claude/projects")]
    }

    /// `sessions` then `archived_sessions` of the Codex home.
    package var codexRoots: [String] {
        let base = environment["CODEX_HOME"].flatMap { $0.isEmpty ? nil : expand($0) } ?? join(home, ".codex")
        return [join(base, "sessions"), join(base, "archived_sessions")]
    }

    /// Gemini CLI's `tmp` folders.
    package var geminiRoots: [String] {
        guard let configured = environment["GEMINI_DATA_DIR"], !configured.isEmpty else {
            return [join(home, ".gemini/tmp")]
        }
        return list(configured).map { folder in
            let tmp = join(folder, "tmp")
            return isFolder(tmp) ? tmp : folder
        }
    }

    /// The `tasks` folders of Cline and its forks.
    package var clineRoots: [String] {
        let editors = ["Code", "Code - Insiders", "VSCodium", "Cursor"]
        let extensions = ["saoudrizwan.claude-dev", "rooveterinaryinc.roo-cline", "kilocode.kilo-code"]
        var roots: [String] = []
        for base in [join(home, ".config"), join(home, "Library/Application Support")] {
            for editor in editors {
                for identifier in extensions {
                    roots.append(join(base, "\(editor)/User/globalStorage/\(identifier)/tasks"))
                }
            }
        }
        return roots + [join(home, ".cline/data/tasks")]
    }

    func claudeLogs() -> [Location] {
        claudeRoots.flatMap { files(under: $0) { $0.hasSuffix(".jsonl") } }.map { Location(path: $0, tool: "claude-code") }
    }

    func codexLogs() -> [Location] {
        var chosen: [String: String] = [:]  // relative path without compression suffix → file
        for root in codexRoots {
            var here: [String: String] = [:]
            for file in files(under: root, { $0.hasSuffix(".jsonl") || $0.hasSuffix(".jsonl.zst") || $0.hasSuffix(".jsonl.gz") }) {
                var relative = String(file.dropFirst(root.count))
                for suffix in [".zst", ".gz"] where relative.hasSuffix(suffix) { relative = String(relative.dropLast(suffix.count)) }
                if let existing = here[relative], existing.hasSuffix(".jsonl") { continue }
                here[relative] = file
            }
            for (relative, file) in here where chosen[relative] == nil { chosen[relative] = file }
        }
        return chosen.values.sorted().map { Location(path: $0, tool: "codex") }
    }

    func geminiLogs() -> [Location] {
        var found: [String] = []
        for root in geminiRoots {
            let all = files(under: root) { ($0.hasSuffix(".json") || $0.hasSuffix(".jsonl")) && $0.contains("/chats/") }
            let set = Set(all)
            found += all.filter { !($0.hasSuffix(".json") && set.contains($0 + "l")) }
        }
        return found.sorted().map { Location(path: $0, tool: "gemini") }
    }

    func clineTasks() -> [Location] {
        var tasks: [String] = []
        for root in clineRoots where isFolder(root) {
            // An unlistable folder holds nothing we can read.
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            for name in names.sorted() {
                let task = join(root, name)
                if isFolder(task), FileManager.default.fileExists(atPath: join(task, "ui_messages.json")) {
                    tasks.append(task)
                }
            }
        }
        return tasks.map { Location(path: $0, tool: ClineTaskReader.tool(ofTaskFolder: $0)) }
    }

    func copilotLogs() -> [Location] {
        files(under: join(home, ".copilot/session-state")) { $0.hasSuffix("/events.jsonl") }
            .map { Location(path: $0, tool: "copilot") }
    }

    func aiderLogs(in repositories: [String]) -> [Location] {
        var found: [Location] = []
        for repository in repositories.map(expand).sorted() {
            let chat = join(repository, ".aider.chat.history.md")
            let input = join(repository, ".aider.input.history")
            let hasInput = FileManager.default.fileExists(atPath: input)
            if FileManager.default.fileExists(atPath: chat) {
                found.append(Location(path: chat, tool: "aider", inputHistory: hasInput ? input : nil))
            } else if hasInput {
                found.append(Location(path: input, tool: "aider"))
            }
        }
        return found
    }

    /// Regular files below `root` whose path passes `keep`, sorted.
    private func files(under root: String, _ keep: (String) -> Bool) -> [String] {
        // A standard folder that is a symbolic link (dotfiles, a larger disk) is walked where it
        // points: the walker does not follow a link. Its files keep the standard path.
        guard isFolder(root), let walker = FileManager.default.enumerator(atPath: FileKind.resolvingLinks(root))
        else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = join(root, relative)
            if keep(path), FileKind(path: path) == .regular { found.append(path) }
        }
        return found.sorted()
    }

    private func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map(expand)
    }

    /// `~` and `~/x` against the given home (not the process's).
    private func expand(_ path: String) -> String {
        if path == "~" { return home }
        if path.hasPrefix("~/") { return join(home, String(path.dropFirst(2))) }
        return path
    }

    private func join(_ base: String, _ component: String) -> String {
        (base as NSString).appendingPathComponent(component)
    }

    private func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }
}
