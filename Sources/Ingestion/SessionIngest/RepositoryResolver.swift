import Foundation
import Model
import Storage

/// Finds the ingested repository a session worked in, from its working directory, with the evidence.
///
/// Path prefix first (the directory is the repository's root or inside it);
/// then the repository's name as a folder of the path (another clone of the same
/// repository, e.g. on a teammate's laptop); then, when the directory exists
/// here and is a git work tree, its `origin` URL.
package struct RepositoryResolver {
    private let repositories: [Repository]
    private let environment: [String: String]

    package init(repositories: [Repository], environment: [String: String]) {
        // Longest root first, so a nested repository wins over its parent.
        self.repositories = repositories.sorted { ($0.root.count, $0.root) > ($1.root.count, $1.root) }
        self.environment = environment
    }

    package func resolve(_ workingDirectory: String?) -> SessionStore.RepositoryMatch? {
        guard let directory = workingDirectory?.trimmingTrailingSlashes, !directory.isEmpty else { return nil }
        for repository in repositories where directory == repository.root || directory.hasPrefix(repository.root + "/") {
            return SessionStore.RepositoryMatch(
                repositoryID: repository.id, evidence: "path prefix \(repository.root)", root: repository.root)
        }
        let components = directory.split(separator: "/")
        for depth in stride(from: components.count, to: 0, by: -1) {
            let name = String(components[depth - 1])
            let matches = repositories.filter { $0.name == name }
            guard let repository = matches.first else { continue }
            let root = "/" + components[..<depth].joined(separator: "/")
            let ambiguity = matches.count > 1 ? " (\(matches.count) repositories share the name; took \(repository.root))" : ""
            return SessionStore.RepositoryMatch(
                repositoryID: repository.id,
                evidence: "repository name \(name) in \(directory)\(ambiguity)", root: root)
        }
        return originMatch(directory)
    }

    private func originMatch(_ directory: String) -> SessionStore.RepositoryMatch? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
            let result = try? GitInvocation(repository: directory, environment: environment)
                .status(["config", "--get", "remote.origin.url"]),
            result.status == 0
        else { return nil }  // not a work tree here, or no origin: nothing more to match on
        let origin = Self.normalised(result.output)
        guard let repository = repositories.first(where: { $0.origin.map(Self.normalised) == origin }) else { return nil }
        return SessionStore.RepositoryMatch(
            repositoryID: repository.id, evidence: "origin \(result.output)", root: directory)
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
