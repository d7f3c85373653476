/// One delivered change: the commits that make it and the sessions linked to it,
/// with every figure METHOD.md defines for a task and the evidence for each decision.
/// (Not `Task`: that name belongs to Swift concurrency.)
package struct WorkTask: Sendable, Equatable, Codable {
    /// How the commits were grouped (METHOD.md, Task grouping).
    package enum Kind: String, Sendable, Codable {
        case issue, pullRequest = "pull-request", squash, burst
    }

    /// One commit of the task and what it earned.
    package struct TaskCommit: Sendable, Equatable, Codable {
        package var hash: String
        package var subject: String
        package var authorTime: Int64
        /// Hours the git estimator gave it (0 for merge and bot commits).
        package var effortHours: Double
        /// Why the estimator gave that (`gap of 1.3 h`, `lead-in`, `merge commit`).
        package var effortReason: String
        /// Why it belongs to the task.
        package var reason: String
        /// Why it counts as rework, if it does.
        package var rework: String?
        package var aiTools: [String]
        package var linesAdded: Int
        package var linesDeleted: Int

        package init(
            hash: String, subject: String, authorTime: Int64, effortHours: Double, effortReason: String, reason: String,
            rework: String?, aiTools: [String], linesAdded: Int, linesDeleted: Int
        ) {
            self.hash = hash
            self.subject = subject
            self.authorTime = authorTime
            self.effortHours = effortHours
            self.effortReason = effortReason
            self.reason = reason
            self.rework = rework
            self.aiTools = aiTools
            self.linesAdded = linesAdded
            self.linesDeleted = linesDeleted
        }
    }

    /// What a session link rests on, strongest first (METHOD.md, AI attribution).
    package enum LinkEvidence: String, Sendable, Codable, Comparable {
        /// The session names one of the task's commits.
        case commit
        /// The session's branch or its prompts name the task's key.
        case key
        /// It edited a file of the task that no other task touched in that window.
        case file
        /// Its active time overlaps the task's, and the session's owner is the task's author.
        case time

        /// Commit, key and file links are strong; time overlap alone is weak.
        package var isStrong: Bool { self != .time }

        private var rank: Int {
            switch self {
            case .commit: 0
            case .key: 1
            case .file: 2
            case .time: 3
            }
        }

        package static func < (lhs: LinkEvidence, rhs: LinkEvidence) -> Bool { lhs.rank < rhs.rank }
    }

    /// A linked session and why it was linked.
    package struct TaskSession: Sendable, Equatable, Codable {
        package var tool: String
        package var id: String
        package var reason: String
        package var evidence: LinkEvidence
        package var activeSeconds: Int

        package init(tool: String, id: String, reason: String, evidence: LinkEvidence, activeSeconds: Int) {
            self.tool = tool
            self.id = id
            self.reason = reason
            self.evidence = evidence
            self.activeSeconds = activeSeconds
        }

        enum CodingKeys: String, CodingKey { case tool, id, reason, evidence, activeSeconds }

        package init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            tool = try container.decode(String.self, forKey: .tool)
            id = try container.decode(String.self, forKey: .id)
            reason = try container.decode(String.self, forKey: .reason)
            activeSeconds = try container.decode(Int.self, forKey: .activeSeconds)
            // Tasks stored before links carried their evidence: the reason says which rule linked.
            evidence = try container.decodeIfPresent(LinkEvidence.self, forKey: .evidence)
                ?? (reason.hasPrefix("the session names commit") ? .commit : reason.hasPrefix("no file edits") ? .time : .file)
        }
    }

    /// A short stable id derived from the repository and the key; `label` and `--explain` take it.
    package var id: String
    package var repository: String
    /// `ABC-123`, `#12`, `PR #12`, or `burst <hash>`.
    package var key: String
    package var kind: Kind
    package var title: String
    /// The first commit's author identity (lower-case email, aliases applied).
    package var author: String
    package var branch: String?
    package var commits: [TaskCommit]
    package var sessions: [TaskSession]
    /// Whether bots made it: kept apart from effort and speedup.
    package var bot: Bool

    package var category: Category
    package var confidence: Double
    package var evidence: [Evidence]
    package var classificationNote: String?
    /// A person set the category (`multiplier label`).
    package var labelled: Bool

    package var ai: Bool
    package var aiTools: [String]
    /// Why it is (or is not) AI-assisted.
    package var aiReasons: [String]
    /// What `multiplier label --ai` said, when it did.
    package var aiLabel: Bool?

    /// AI-assisted on weak evidence only: no AI mark, no label, and every linked session linked by
    /// time overlap alone (`LinkEvidence.isStrong`). `--min-evidence strong` counts these as human.
    package var aiOnWeakEvidenceOnly: Bool {
        ai
            && (weakLinksOnly
                ?? (aiLabel == nil && commits.allSatisfy(\.aiTools.isEmpty) && !sessions.isEmpty
                    && sessions.allSatisfy { !$0.evidence.isStrong }))
    }

    /// Set only on a task read from its stored figures (`TaskStore.figures`), which has no commits
    /// or sessions to look at: whether, AI-assisted, it would rest on weak links only. Nil on a
    /// whole task (and then not encoded, so a stored task's JSON is as before).
    package var weakLinksOnly: Bool?

    /// Hours of hands-on work: logged hours where a time log names the task, else the git estimate.
    package var effortHours: Double
    /// `git` or `time log`.
    package var effortSource: String
    package var reworkHours: Double
    /// Measured active time of the linked sessions (reported beside effort, never mixed in).
    package var activeSeconds: Int
    /// First commit or first linked session event, and merge or last commit (seconds since 1970).
    package var start: Int64
    package var end: Int64
    package var firstCommitTime: Int64
    package var lastCommitTime: Int64
    package var cycleHours: Double
    /// Size without lock files, vendored, generated and binary files.
    package var linesAdded: Int
    package var linesDeleted: Int
    package var filesTouched: Int
    /// Lines added by AI-marked commits, or in files a linked session edited.
    package var aiLinesAdded: Int
    /// Lines the task added that later commits deleted within the churn window.
    package var churnedLines: Int

    // Review, from a pull-request export and a time log (nil where there is none).
    package var pullRequest: Int?
    /// Reviews by others than the author.
    package var reviewRounds: Int?
    package var changeRequests: Int?
    package var reviewComments: Int?
    /// From the pull request's creation to its first review, and to its merge.
    package var firstReviewWaitHours: Double?
    package var mergeWaitHours: Double?
    /// Review hours a time log names for the task.
    package var reviewerHours: Double?
    /// The time log's estimate for the task.
    package var estimateHours: Double?

    package var linesChanged: Int { linesAdded + linesDeleted }

    package init(
        id: String, repository: String, key: String, kind: Kind, title: String, author: String, branch: String?,
        commits: [TaskCommit], sessions: [TaskSession] = [], bot: Bool = false, category: Category = .unclassified,
        confidence: Double = 0, evidence: [Evidence] = [], classificationNote: String? = nil, labelled: Bool = false,
        ai: Bool = false, aiTools: [String] = [], aiReasons: [String] = [], effortHours: Double = 0,
        effortSource: String = "git", reworkHours: Double = 0, activeSeconds: Int = 0, start: Int64 = 0,
        end: Int64 = 0, firstCommitTime: Int64 = 0, lastCommitTime: Int64 = 0, cycleHours: Double = 0,
        linesAdded: Int = 0, linesDeleted: Int = 0, filesTouched: Int = 0, aiLinesAdded: Int = 0, churnedLines: Int = 0
    ) {
        self.id = id
        self.repository = repository
        self.key = key
        self.kind = kind
        self.title = title
        self.author = author
        self.branch = branch
        self.commits = commits
        self.sessions = sessions
        self.bot = bot
        self.category = category
        self.confidence = confidence
        self.evidence = evidence
        self.classificationNote = classificationNote
        self.labelled = labelled
        self.ai = ai
        self.aiTools = aiTools
        self.aiReasons = aiReasons
        self.effortHours = effortHours
        self.effortSource = effortSource
        self.reworkHours = reworkHours
        self.activeSeconds = activeSeconds
        self.start = start
        self.end = end
        self.firstCommitTime = firstCommitTime
        self.lastCommitTime = lastCommitTime
        self.cycleHours = cycleHours
        self.linesAdded = linesAdded
        self.linesDeleted = linesDeleted
        self.filesTouched = filesTouched
        self.aiLinesAdded = aiLinesAdded
        self.churnedLines = churnedLines
    }
}

/// A person's correction of a task, kept across every rebuild.
package struct Label: Sendable, Equatable, Codable {
    package var repository: String
    package var key: String
    /// The task's first commit when labelled: finds the task again if its key changed.
    package var firstCommit: String
    package var category: Category?
    package var ai: Bool?

    package init(repository: String, key: String, firstCommit: String, category: Category?, ai: Bool?) {
        self.repository = repository
        self.key = key
        self.firstCommit = firstCommit
        self.category = category
        self.ai = ai
    }
}
