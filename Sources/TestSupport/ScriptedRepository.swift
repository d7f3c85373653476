import Foundation
import Support

/// A git repository built by a test, commit by commit, with fixed identities and dates.
package struct ScriptedRepository: Sendable {
    package let directory: TemporaryDirectory
    package var path: String { directory.path }

    /// A new repository with `main` as its branch.
    package init(_ label: String = "repo") throws {
        directory = try TemporaryDirectory(label)
        try git("init", "-q", "-b", "main")
    }

    /// The environment every git call in tests gets: no user or system config.
    package static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": "/nonexistent",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "LC_ALL": "C",
        ]
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Runs git in the repository and returns stdout.
    @discardableResult
    package func git(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        try git(arguments, environment: environment)
    }

    @discardableResult
    package func git(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let result = try StreamingProcess.run(
            "git", ["-C", path] + arguments, environment: Self.environment(environment))
        guard result.status == 0 else {
            throw ScriptError(message: "git \(arguments.joined(separator: " ")): \(result.error)")
        }
        return String(decoding: result.output, as: UTF8.self)
    }

    /// Writes a file in the work tree.
    package func write(_ relativePath: String, _ contents: String) throws {
        try directory.write(relativePath, contents)
    }

    package func write(_ relativePath: String, bytes: [UInt8]) throws {
        try directory.write(relativePath, Data(bytes))
    }

    /// Stages everything and commits with a fixed author, date (`2026-01-05T10:00:00 +0000` style) and message.
    @discardableResult
    package func commit(
        _ message: String, author: String = "Alice Example", email: String = "alice@example.com",
        date: String = "2026-01-05T10:00:00+0000", committer: String? = nil, allowEmpty: Bool = false
    ) throws -> String {
        try git("add", "-A")
        var arguments = ["commit", "-q", "--cleanup=verbatim", "-m", message]
        if allowEmpty { arguments += ["--allow-empty", "--allow-empty-message"] }
        try git(
            arguments,
            environment: [
                "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date,
                "GIT_COMMITTER_NAME": committer ?? author, "GIT_COMMITTER_EMAIL": email, "GIT_COMMITTER_DATE": date,
            ])
        return try head()
    }

    /// The hash HEAD points at.
    package func head() throws -> String {
        try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    package func remove() { directory.remove() }
}

/// A step of a test script that failed.
package struct ScriptError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
