import Foundation
import Model
import Storage
import Support

/// Finds the ingested repository a session worked in, by the strongest identity its log carries,
/// with the evidence (METHOD.md, AI attribution; `sessions --format json` shows it):
///
/// 1. path prefix: the working directory is the ingested checkout or inside it (also through a
///    symbolic link);
/// 2. the repository the log itself records (Codex `session_meta.git.repository_url`, Copilot
///    `context.repository` as `owner/name`) equals an ingested repository's origin;
/// 3. the name of a folder of the path is an ingested repository's folder name, or its origin's
///    project name (another clone, on a teammate's laptop, under another folder name here);
/// 4. when the directory exists here and is a git work tree: one that keeps its history in an
///    ingested checkout's git directory (a worktree of it), else its `origin` URL;
/// 5. the files it edited, taken relative to its working directory (a container's `/workspace`,
///    a CI box), exist in exactly one ingested checkout, most of them at least.
///
/// A log without a working directory (Gemini CLI up to v0.28 keeps only `projectHash`, the
/// sha256 of the project root) gets one from the absolute paths it edited: the folder above them
/// whose sha256 is its `projectHash`, else the folder they all lie in; then the rules above.
package struct RepositoryResolver {
    private let repositories: [Repository]
    private let environment: [String: String]
    /// Rule 4's answers by directory: it asks git, and many sessions share a directory.
    private let asked = Asked()

    /// A resolver's memory of rule 4 (a reference, so that a copy of the resolver shares it; one
    /// ingest resolves sessions one at a time).
    private final class Asked {
        var matches: [String: SessionStore.RepositoryMatch?] = [:]
    }

    /// Each repository's root with its symbolic links resolved, by id (asked of the disk once).
    private let realRoots: [Int64: String]
    /// The sha256 of each repository's root, as written and resolved: Gemini's project hash of it.
    private let rootHashes: [Int64: Set<String>]

    package init(repositories: [Repository], environment: [String: String]) {
        // Longest root first, so a nested repository wins over its parent.
        self.repositories = repositories.sorted { ($0.root.count, $0.root) > ($1.root.count, $1.root) }
        self.environment = environment
        realRoots = Dictionary(repositories.map { ($0.id, FileKind.resolvingLinks($0.root)) }, uniquingKeysWith: { first, _ in first })
        rootHashes = Dictionary(
            repositories.map { repository in
                let spellings = [repository.root, FileKind.resolvingLinks(repository.root)]
                return (repository.id, Set(spellings.map { SHA256.hex(SHA256.hash(Array($0.utf8))) }))
            }, uniquingKeysWith: { first, _ in first })
    }

    package func resolve(
        _ workingDirectory: String?, repositoryURL: String? = nil, filesEdited: [String] = [], projectHash: String? = nil
    ) -> SessionStore.RepositoryMatch? {
        let given = workingDirectory?.trimmingTrailingSlashes ?? ""
        // Gemini CLI's project hash is the sha256 of the folder it ran in: an ingested checkout's
        // root with that hash is where it worked, whatever the paths it edited (relative ones too).
        if given.isEmpty, let hash = projectHash?.lowercased(), !hash.isEmpty,
            let repository = repositories.first(where: { rootHashes[$0.id]?.contains(hash) == true })
        {
            return SessionStore.RepositoryMatch(
                repositoryID: repository.id, evidence: "the log's project hash is that of \(repository.root)", root: repository.root)
        }
        guard given.isEmpty, let derived = Self.projectRoot(filesEdited, projectHash: projectHash) else {
            return resolve(directory: given, repositoryURL: repositoryURL, filesEdited: filesEdited)
        }
        guard var match = resolve(directory: derived.root, repositoryURL: repositoryURL, filesEdited: filesEdited) else {
            return nil
        }
        match.evidence += " (\(derived.why))"
        return match
    }

    /// Where a log without a working directory worked: of the folders above the absolute paths it
    /// edited, the one whose sha256 is `projectHash`; without a hash or a match, the deepest
    /// folder they all lie in, when that is at least two folders deep (not `/` or `/home`).
    static func projectRoot(_ files: [String], projectHash: String?) -> (root: String, why: String)? {
        if let root = hashedRoot(files, projectHash: projectHash) { return (root, "its project hash is that of \(root)") }
        let absolute = files.filter { $0.hasPrefix("/") }.prefix(20)
        guard !absolute.isEmpty else { return nil }
        var common = absolute[absolute.startIndex].split(separator: "/").dropLast()
        for file in absolute.dropFirst() {
            let parts = file.split(separator: "/").dropLast()
            let shared = zip(common, parts).prefix { $0 == $1 }.count
            common = common.prefix(shared)
        }
        guard common.count >= 2 else { return nil }
        let root = "/" + common.joined(separator: "/")
        return (root, "the folder its edited files lie in")
    }

    /// The folder above the absolute paths a log edited whose sha256 is its `projectHash` (Gemini
    /// CLI's project root, the directory it ran in), if one is.
    package static func hashedRoot(_ files: [String], projectHash: String?) -> String? {
        guard let projectHash = projectHash?.lowercased(), !projectHash.isEmpty else { return nil }
        var tried: Set<Substring> = []
        for file in files.lazy.filter({ $0.hasPrefix("/") }).prefix(20) {
            var folder = Substring(file)
            while let slash = folder.lastIndex(of: "/"), slash > folder.startIndex {
                folder = folder[..<slash]
                guard tried.insert(folder).inserted else { break }
                if SHA256.hex(SHA256.hash(Array(folder.utf8))) == projectHash { return String(folder) }
            }
        }
        return nil
    }

    private func resolve(directory: String, repositoryURL: String?, filesEdited: [String]) -> SessionStore.RepositoryMatch? {
        if !directory.isEmpty {
            for repository in repositories where directory == repository.root || directory.hasPrefix(repository.root + "/") {
                return SessionStore.RepositoryMatch(
                    repositoryID: repository.id, evidence: "path prefix \(repository.root)", root: repository.root)
            }
            // The checkout reached through a symbolic link (a linked `~/code`): its real path is inside it.
            let real = FileKind.resolvingLinks(directory)
            if real != directory {
                for repository in repositories {
                    let root = realRoots[repository.id] ?? repository.root
                    guard real == root || real.hasPrefix(root + "/") else { continue }
                    return SessionStore.RepositoryMatch(
                        repositoryID: repository.id, evidence: "path prefix \(repository.root) (through a symbolic link)",
                        root: Self.spelled(root: root, real: real, directory: directory) ?? repository.root)
                }
            }
        }
        if let url = repositoryURL.map(Self.normalised), !url.isEmpty,
            let repository = repositories.first(where: { repository in
                guard let origin = repository.origin.map(Self.normalised) else { return false }
                // `owner/name` (Copilot) has no host: it matches the end of the origin.
                return origin == url || (url.split(separator: "/").count == 2 && origin.hasSuffix("/" + url))
            })
        {
            return SessionStore.RepositoryMatch(
                repositoryID: repository.id, evidence: "the log's repository \(repositoryURL ?? "") is the origin",
                root: Self.cloneRoot(directory, names: Self.names(repository)) ?? (directory.isEmpty ? repository.root : directory))
        }
        guard !directory.isEmpty else { return nil }
        let components = directory.split(separator: "/")
        // Every folder of the path named like a repository, deepest first.
        var named: [(repository: Repository, matches: Int, name: String, root: String)] = []
        for depth in stride(from: components.count, to: 0, by: -1) {
            let name = String(components[depth - 1])
            let matches = repositories.filter { Self.names($0).contains(name.lowercased()) }
            guard let repository = matches.first else { continue }
            named.append((repository, matches.count, name, Self.prefix(directory, components[..<depth])))
        }
        // A folder inside a checkout may be named like another repository (`frontend/src/shared`
        // beside a `shared` repository): where the files the session edited exist under one of
        // them and not under the deepest, that one is it.
        if named.count > 1 {
            let existing = named.map { candidate in
                filesEdited.prefix(20).filter { file in
                    guard file.hasPrefix(candidate.root + "/") else { return false }
                    return FileManager.default.fileExists(atPath: candidate.repository.root + "/" + file.dropFirst(candidate.root.count + 1))
                }.count
            }
            if let best = existing.indices.max(by: { (existing[$0], $1) < (existing[$1], $0) }), existing[best] > existing[0] {
                named = [named[best]]
            }
        }
        if let (repository, matches, name, root) = named.first {
            let ambiguity = matches > 1 ? " (\(matches) repositories share the name; took \(repository.root))" : ""
            let kind = repository.name == name ? "repository name" : "origin project name"
            return SessionStore.RepositoryMatch(
                repositoryID: repository.id, evidence: "\(kind) \(name) in \(directory)\(ambiguity)", root: root)
        }
        return originMatch(directory) ?? filesMatch(directory, filesEdited)
    }

    /// The leading part of `directory` made of `components` (its first ones), written as the
    /// directory writes it: `/home/x`, a share's `//host/share`, a Windows `C:/Users/x`.
    static func prefix(_ directory: String, _ components: ArraySlice<Substring>) -> String {
        String(directory.prefix { $0 == "/" }) + components.joined(separator: "/")
    }

    /// The one checkout in which most of the session's edited files exist (at most 20 looked at),
    /// two of them at least — or its one file, when that lies two folders deep: a lone `README.md`
    /// or `src/index.ts` exists in most projects and tells nothing.
    private func filesMatch(_ directory: String, _ files: [String]) -> SessionStore.RepositoryMatch? {
        let relative = files.prefix(20).compactMap { file -> String? in
            if !file.hasPrefix("/") { return file.isEmpty ? nil : file }
            guard file.hasPrefix(directory + "/") else { return nil }
            return String(file.dropFirst(directory.count + 1))
        }
        guard !relative.isEmpty else { return nil }
        let telling = relative.count >= 2 || relative[0].split(separator: "/").count >= 3
        guard telling else { return nil }
        let matches = repositories.filter { repository in
            let found = relative.filter { FileManager.default.fileExists(atPath: repository.root + "/" + $0) }.count
            return found * 2 > relative.count && (found >= 2 || relative.count == 1)
        }
        guard matches.count == 1, let repository = matches.first else { return nil }
        return SessionStore.RepositoryMatch(
            repositoryID: repository.id,
            evidence: "the files it edited in \(directory) exist in \(repository.root)", root: directory)
    }

    /// The names a clone of the repository may go by: its folder here and its origin's project name.
    static func names(_ repository: Repository) -> Set<String> {
        var names: Set<String> = [repository.name.lowercased()]
        if let origin = repository.origin, let project = normalised(origin).split(separator: "/").last {
            names.insert(String(project))
        }
        return names
    }

    /// The deepest folder of `directory` named like the repository: the clone's root there.
    static func cloneRoot(_ directory: String, names: Set<String>) -> String? {
        let components = directory.split(separator: "/")
        for depth in stride(from: components.count, to: 0, by: -1) where names.contains(components[depth - 1].lowercased()) {
            return prefix(directory, components[..<depth])
        }
        return nil
    }

    /// Rule 4: the directory is a work tree here that shares an ingested repository's git directory
    /// (`git worktree add`, an agent's worktree: its commits are the repository's), or whose
    /// `origin` is an ingested repository's.
    private func originMatch(_ directory: String) -> SessionStore.RepositoryMatch? {
        if let known = asked.matches[directory] { return known }
        let match = askGit(directory)
        asked.matches[directory] = match
        return match
    }

    private func askGit(_ directory: String) -> SessionStore.RepositoryMatch? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        let git = GitInvocation(repository: directory, environment: environment)
        if let found = try? git.status(["rev-parse", "--path-format=absolute", "--git-common-dir", "--show-toplevel"]),
            found.status == 0
        {
            let lines = found.output.split(separator: "\n").map(String.init)
            if lines.count == 2, let repository = repositories.first(where: { sharesGitDirectory($0, common: lines[0]) }) {
                let real = FileKind.resolvingLinks(directory)
                let top = FileKind.resolvingLinks(lines[1])
                return SessionStore.RepositoryMatch(
                    repositoryID: repository.id, evidence: "a worktree of \(repository.root) at \(lines[1])",
                    root: Self.spelled(root: top, real: real, directory: directory) ?? lines[1])
            }
        }
        guard let result = try? git.status(["config", "--get", "remote.origin.url"]), result.status == 0 else {
            return nil  // not a work tree here, or no origin: nothing more to match on
        }
        let origin = Self.normalised(result.output)
        guard let repository = repositories.first(where: { $0.origin.map(Self.normalised) == origin }) else { return nil }
        return SessionStore.RepositoryMatch(
            repositoryID: repository.id, evidence: "origin \(Repository.withoutCredentials(result.output))", root: directory)
    }

    /// Whether `repository`'s checkout keeps its history in the git directory `common` (a work
    /// tree's `--git-common-dir`): its `.git` folder, or, for a checkout that is itself a worktree,
    /// the common directory git names for it.
    private func sharesGitDirectory(_ repository: Repository, common: String) -> Bool {
        let common = FileKind.resolvingLinks(common)
        if FileKind.resolvingLinks(repository.root + "/.git") == common { return true }
        guard FileKind(path: repository.root + "/.git") == .regular,
            let found = try? GitInvocation(repository: repository.root, environment: environment)
                .status(["rev-parse", "--path-format=absolute", "--git-common-dir"]),
            found.status == 0
        else { return false }
        return FileKind.resolvingLinks(found.output) == common
    }

    /// `root` (a real path) as `directory` spells it, when `directory`'s real path is `real`: the
    /// directory less what lies below the root (`/home/a/code-link` for `/home/a/code-link/src`
    /// and root `/srv/code`, real `/srv/code/src`); nil when the link sits below the root.
    static func spelled(root: String, real: String, directory: String) -> String? {
        guard real != root else { return directory }
        guard real.hasPrefix(root + "/") else { return nil }
        let below = real.dropFirst(root.count)  // "/src/…"
        guard directory.hasSuffix(below), directory.count > below.count else { return nil }
        return String(directory.dropLast(below.count))
    }

    /// `git@host:o/r.git` and `https://host/o/r` compare equal.
    static func normalised(_ url: String) -> String {
        var text = url.lowercased()
        for prefix in ["https://", "http://", "ssh://", "git://", "git@"] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
        }
        if let at = text.firstIndex(of: "@"), !text[..<at].contains("/") { text = String(text[text.index(after: at)...]) }
        text = text.replacingOccurrences(of: ":", with: "/")
        if text.hasSuffix(".git") { text.removeLast(4) }
        return text.trimmingTrailingSlashes
    }
}

extension String {
    var trimmingTrailingSlashes: String {
        var text = self
        while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
