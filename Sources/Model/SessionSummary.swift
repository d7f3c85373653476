/// A stored session with its figures, as `multiplier sessions` lists it.
package struct SessionSummary: Sendable, Equatable, Codable {
    package var tool: String
    package var id: String
    package var parent: String?
    /// The log file the session was first read from.
    package var source: String
    /// The ingested repository its working directory resolved to, if any.
    package var repository: String?
    /// Why it resolved to that repository (`path prefix …`, `the log's repository … is the origin`, …).
    package var repositoryEvidence: String?
    package var workingDirectory: String?
    package var branch: String?
    /// First and last event, ms since 1970 UTC.
    package var startMs: Int64?
    package var endMs: Int64?
    /// Sum of gaps of at most the idle cap between consecutive events (sub-agents merged in, not added).
    package var activeSeconds: Int
    package var prompts: Int
    package var models: [String]
    package var tokens: TokenTotals
    package var filesEdited: [String]
    package var commits: [String]

    package init(
        tool: String, id: String, parent: String?, source: String, repository: String?, workingDirectory: String?,
        branch: String?, startMs: Int64?, endMs: Int64?, activeSeconds: Int, prompts: Int, models: [String],
        tokens: TokenTotals, filesEdited: [String], commits: [String]
    ) {
        self.tool = tool
        self.id = id
        self.parent = parent
        self.source = source
        self.repository = repository
        self.workingDirectory = workingDirectory
        self.branch = branch
        self.startMs = startMs
        self.endMs = endMs
        self.activeSeconds = activeSeconds
        self.prompts = prompts
        self.models = models
        self.tokens = tokens
        self.filesEdited = filesEdited
        self.commits = commits
    }
}

/// Token counts, de-duplicated.
package struct TokenTotals: Sendable, Equatable, Codable {
    package var input: Int
    package var output: Int
    package var cacheWrite: Int
    package var cacheRead: Int

    package init(input: Int = 0, output: Int = 0, cacheWrite: Int = 0, cacheRead: Int = 0) {
        self.input = input
        self.output = output
        self.cacheWrite = cacheWrite
        self.cacheRead = cacheRead
    }
}

/// How active time is measured from event timestamps (METHOD.md, Effort).
package enum ActiveTime {
    /// The sum of gaps between consecutive instants (ms, any order) that are at most `idleCapMs`.
    package static func seconds(_ times: [Int64], idleCapMs: Int64 = 600_000) -> Int {
        let sorted = times.sorted()
        var total: Int64 = 0
        for (previous, next) in zip(sorted, sorted.dropFirst()) where next - previous <= idleCapMs {
            total += next - previous
        }
        return Int(total / 1000)
    }
}
