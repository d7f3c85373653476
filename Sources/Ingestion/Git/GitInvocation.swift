import Support

/// How Multiplier runs git: a stable environment and options that keep output parseable.
///
/// `LC_ALL=C`, `GIT_PAGER=cat`, `GIT_FLUSH=0` and `GIT_NO_REPLACE_OBJECTS=1`; `GIT_DIR`, `GIT_WORK_TREE` and `GIT_INDEX_FILE`
/// removed so the repository named by `-C` is the one read; no colour, no
/// signatures, no external diff or text conversion, whatever the user's config says.
package struct GitInvocation: Sendable {
    package let repository: String
    package let environment: [String: String]

    package init(repository: String, environment: [String: String]) {
        self.repository = repository
        var clean = environment
        for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_NAMESPACE"] {
            clean[key] = nil
        }
        clean["LC_ALL"] = "C"
        clean["GIT_PAGER"] = "cat"
        clean["GIT_TERMINAL_PROMPT"] = "0"
        // Writing to a pipe, git flushes after every commit of a log (a write and a wake-up of
        // the reader each): on a large history that cost as much CPU as a quarter of the parsing.
        // Nothing here talks to git a record at a time, so its output is fully buffered.
        clean["GIT_FLUSH"] = "0"
        // `git replace` objects (a graft that stitches an archived history behind the root) are
        // local and come and go: the history is read as it was committed, the same on every run.
        clean["GIT_NO_REPLACE_OBJECTS"] = "1"
        self.environment = clean
    }

    /// The full argument list for `git <arguments>` in this repository.
    package func arguments(_ arguments: [String]) -> [String] {
        // Settings a user's configuration could turn against what ingestion reads: a root commit
        // without its files (`log.showRoot`), renames as a delete and an add (`diff.renames`).
        ["-C", repository, "-c", "core.quotepath=off", "-c", "log.showSignature=false", "-c", "color.ui=never",
         "-c", "log.showRoot=true", "-c", "diff.renames=true"]
            + arguments
    }

    /// Starts `git <arguments>` with stdout streamed.
    package func start(_ arguments: [String]) throws -> StreamingProcess {
        do {
            return try StreamingProcess(executable: "git", arguments: self.arguments(arguments), environment: environment)
        } catch let failure as StreamingProcess.Failure {
            throw IngestionError.git(repository: repository, failure: failure)
        }
    }

    /// Runs `git <arguments>` and returns stdout as text, trimmed of the final newline.
    /// - Throws: `IngestionError.git` when git exits non-zero.
    package func output(_ arguments: [String]) throws -> String {
        let process = try start(arguments)
        do {
            let bytes = try process.readAllOutput()
            try process.waitForSuccess()
            var text = String(decoding: bytes, as: UTF8.self)
            while text.hasSuffix("\n") { text.removeLast() }
            return text
        } catch let failure as StreamingProcess.Failure {
            throw IngestionError.git(repository: repository, failure: failure)
        }
    }

    /// Runs `git <arguments>` and returns its exit status and stdout, for commands whose failure is an answer.
    package func status(_ arguments: [String]) throws -> (status: Int32, output: String) {
        do {
            let result = try StreamingProcess.run("git", self.arguments(arguments), environment: environment)
            var text = String(decoding: result.output, as: UTF8.self)
            while text.hasSuffix("\n") { text.removeLast() }
            return (result.status, text)
        } catch let failure as StreamingProcess.Failure {
            throw IngestionError.git(repository: repository, failure: failure)
        }
    }

    /// The `git log` options for the commit stream `GitLogParser` reads.
    ///
    /// Fields are separated by 0x1F, a record starts with 0x1E, and the raw
    /// message comes last so that it may contain any byte but NUL.
    package static let logArguments: [String] = [
        "log", "-z", "--numstat", "--no-ext-diff", "--no-textconv", "--no-color", "--encoding=UTF-8",
        "--date=format:%z",
        "--format=%x1e%H%x1f%P%x1f%aN%x1f%aE%x1f%at%x1f%ad%x1f%cN%x1f%cE%x1f%ct%x1f%B",
    ]
}
