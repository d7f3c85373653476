import Model

/// One added line of a unit under review, with where it came from.
package struct ReviewLine: Sendable, Equatable {
    package var commit: String
    package var path: String
    package var number: Int
    package var text: String
    /// The secret-like literal the line held before its text was redacted or cut (`CommitDiff.Line.secret`).
    package var secret: String?

    package init(commit: String, path: String, number: Int, text: String, secret: String? = nil) {
        self.commit = commit
        self.path = path
        self.number = number
        self.text = text
        self.secret = secret
    }

    package var language: Language { Language(path: path) }
}

/// What is reviewed: a task (or the commits of a range) and the lines it added.
package struct ReviewUnit: Sendable, Equatable {
    package var id: String
    package var key: String
    package var title: String
    package var repository: String
    package var author: String
    package var ai: Bool
    package var category: Category
    package var end: Int64
    /// Lines the task added that later commits deleted within the churn window, and all it added.
    package var churnedLines: Int
    package var linesAdded: Int
    /// The diffs of the reviewed commits (AI-marked ones of an AI task; all of a human task or a range).
    package var diffs: [CommitDiff]
    /// Every path any commit of the unit changed (lock files are looked up here).
    package var touchedPaths: Set<String>
    /// The reviewed files that are tests, docs or lock files by the classifier's path rules
    /// (`Classification.PathRules`, which Commands asks): no code with access rules of its own.
    package var testDocAndLockPaths: Set<String>

    package init(
        id: String, key: String, title: String, repository: String, author: String, ai: Bool, category: Category,
        end: Int64, churnedLines: Int = 0, linesAdded: Int = 0, diffs: [CommitDiff], touchedPaths: Set<String>? = nil,
        testDocAndLockPaths: Set<String> = []
    ) {
        self.id = id
        self.key = key
        self.title = title
        self.repository = repository
        self.author = author
        self.ai = ai
        self.category = category
        self.end = end
        self.churnedLines = churnedLines
        self.linesAdded = linesAdded
        self.diffs = diffs
        self.touchedPaths = touchedPaths ?? Set(diffs.flatMap { $0.files.map(\.path) })
        self.testDocAndLockPaths = testDocAndLockPaths
    }

    /// The added lines of the reviewed commits, in commit, file and line order.
    package var lines: [ReviewLine] {
        diffs.flatMap { diff in
            diff.files.flatMap { file in
                file.added.map { ReviewLine(commit: diff.hash, path: file.path, number: $0.number, text: $0.text, secret: $0.secret) }
            }
        }
    }

    /// The files the reviewed commits changed, with their added lines (a file changed twice appears twice).
    package var files: [(commit: String, file: CommitDiff.File)] {
        diffs.flatMap { diff in diff.files.map { (diff.hash, $0) } }
    }
}

/// What the checks know about the repository beside the unit: figures and the tree at its tip.
package struct ReviewContext: Sendable {
    /// The team's AI/human effort ratio per category (nil where there is not enough data).
    package var ratios: [Category: Double]
    /// Manifest path → text, at the tip.
    package let manifests: [String: String]
    /// Every path of the tree at the tip.
    package let paths: Set<String>
    /// Lines of the tree at the tip that name a candidate abstraction (from `OverEngineeringCheck.candidates`).
    package var mentions: [String: [(path: String, line: Int, text: String)]]
    /// Source files of the tree at the tip, for the repeated-code check (path → text).
    package let sources: [String: String]
    /// What the manifests declare, per ecosystem, and the repository's own module names (computed once).
    package let declared: [Language: Set<String>]
    package let localModules: Set<String>
    /// The packages the repository's manifests name as their own (`Manifests.ownNames`), normalised, per ecosystem.
    package let ownPackages: [Language: Set<String>]
    /// The shingles of `units`' added blocks found in `sources`, built once.
    package let sourceIndex: RepeatedCode.Index

    package init(
        ratios: [Category: Double] = [:], manifests: [String: String] = [:], paths: [String] = [],
        mentions: [String: [(path: String, line: Int, text: String)]] = [:], sources: [String: String] = [:],
        units: [ReviewUnit] = []
    ) {
        self.ratios = ratios
        self.manifests = manifests
        self.paths = Set(paths)
        self.mentions = mentions
        self.sources = sources
        sourceIndex = RepeatedCode.Index(sources: sources, units: units)
        declared = Manifests.declared(manifests)
        ownPackages = Manifests.ownPackages(manifests)
        localModules = ImportCheck.localModules(paths)
    }
}
