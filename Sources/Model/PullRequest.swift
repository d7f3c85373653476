/// A pull (or merge) request from an export, with what review cost it.
package struct PullRequest: Sendable, Equatable, Codable {
    package var number: Int
    package var title: String
    package var author: String?
    /// Seconds since 1970 UTC.
    package var created: Int64
    package var merged: Int64?
    package var closed: Int64?
    package var headBranch: String?
    package var baseBranch: String?
    package var additions: Int?
    package var deletions: Int?
    /// Review rounds by others than the author (approvals, change requests, comments); nil where
    /// the export has no reviews (GitLab's merge-request list; gh without `reviews`).
    package var reviewRounds: Int?
    package var changeRequests: Int
    /// When someone other than the author first reviewed or commented.
    package var firstReview: Int64?
    /// Comments and review bodies by others than the author.
    package var reviewComments: Int
    package var commits: [String]
    /// When each of its commits was authored (seconds since 1970 UTC), where the export says:
    /// the work's timeline that a squash merge folds into one commit. Nil in older stored rows.
    package var commitTimes: [Int64]?
    /// Each of those commits' subject (`messageHeadline`), beside `commitTimes`: which of a squash's
    /// folded commits answered the review. Nil in older stored rows.
    package var commitHeadlines: [String]?
    /// What the export did not carry (its key absent or null: `gh pr list --json` with a shorter
    /// field list), sorted; nil when it carried everything (and in older stored rows). An unknown
    /// part is no "none": `PullRequest.latest` keeps what another export said of it.
    package var unknownParts: [Part]?
    /// The latest time the export shows anything happen to it (`updatedAt` where given, else its
    /// creation, merge, close, reviews, comments and commits): which of two snapshots is the later.
    package var lastActivity: Int64?
    /// `firstReview` and `reviewComments` as reviews alone and comments alone gave them, so that
    /// two exports that each carried one of them combine. Nil where not known (older rows).
    package var fromReviews: Activity?
    package var fromComments: Activity?

    /// The parts of a pull request an export may leave out.
    package enum Part: String, Sendable, Codable, CaseIterable, Comparable {
        case author, merged, closed, headBranch, baseBranch, size, reviews, comments, commits

        package static func < (lhs: Part, rhs: Part) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The first review or comment by another person, and how many of them had a text.
    package struct Activity: Sendable, Equatable, Codable {
        package var first: Int64?
        package var count: Int

        package init(first: Int64?, count: Int) {
            self.first = first
            self.count = count
        }
    }

    package init(
        number: Int, title: String, author: String?, created: Int64, merged: Int64?, closed: Int64?,
        headBranch: String?, baseBranch: String?, additions: Int?, deletions: Int?, reviewRounds: Int?,
        changeRequests: Int, firstReview: Int64?, reviewComments: Int, commits: [String], commitTimes: [Int64]? = nil,
        commitHeadlines: [String]? = nil
    ) {
        self.number = number
        self.title = title
        self.author = author
        self.created = created
        self.merged = merged
        self.closed = closed
        self.headBranch = headBranch
        self.baseBranch = baseBranch
        self.additions = additions
        self.deletions = deletions
        self.reviewRounds = reviewRounds
        self.changeRequests = changeRequests
        self.firstReview = firstReview
        self.reviewComments = reviewComments
        self.commits = commits
        self.commitTimes = commitTimes
        self.commitHeadlines = commitHeadlines
    }
}

/// One row of a time log: hours someone logged on a task.
package struct TimeEntry: Sendable, Equatable, Codable {
    package enum Activity: String, Sendable, Codable { case work, review }

    /// `2026-11-02`.
    package var date: String
    package var author: String
    /// The task's key as the team writes it (`ABC-123`, `PR #12`, `#12`).
    package var task: String
    package var hours: Double
    package var activity: Activity
    package var estimateHours: Double?

    /// The largest estimate a task may have, in hours (50 person-years): more is a typo, not a
    /// task. The time log, `plan`'s backlog and the MCP `forecast` tool refuse more.
    package static let maximumEstimateHours: Double = 100_000

    package init(date: String, author: String, task: String, hours: Double, activity: Activity, estimateHours: Double?) {
        self.date = date
        self.author = author
        self.task = task
        self.hours = hours
        self.activity = activity
        self.estimateHours = estimateHours
    }
}
