/// One planted task: the delivered change and everything truth.json says about it.
struct PlannedTask {
    enum Style: String {
        /// A feature branch merged with a merge commit.
        case pullRequest = "merge-commit"
        /// A branch squash-merged into one commit whose subject ends in `(#N)`.
        case squash
        /// Committed straight to main, with the issue key in the subjects.
        case direct
    }

    /// A stretch of hands-on work, ending in a commit (nil if the stretch ended without one).
    struct Interval {
        var start: Int64
        var end: Int64
        var commit: Int?
        var rework: Bool
        var developer: Int
    }

    /// One review round that asks for changes, and the work it takes (by the author, or a
    /// reviewer who fixes it themselves), drawn when the task starts.
    struct ReworkRound {
        var byReviewer: Bool
        var seconds: Int64
        var commits: Int
    }

    /// A review submitted on the pull request.
    struct Review {
        var reviewer: Int
        var state: String
        var time: Int64
        var comments: Int
    }

    var issue: String?
    var title: String
    var kind: Int
    /// Developer index; nil for bots.
    var author: Int?
    var bot: Bot?
    var ai: Bool
    var tool: AITool?
    /// Whether the task's commits carry the tool's attribution (trailer or author suffix).
    var trailer: Bool
    /// aider only: the `(aider)` author-name suffix instead of the Co-authored-by trailer.
    var aiderSuffix = false
    var style: Style
    var branch: String?
    /// A branch only the session logs name (`linear` worlds: rebased, merge-free history).
    var sessionBranch: String?
    /// The files the task touches, resolved from its kind's templates.
    var paths: [String]
    /// All hands-on work the task takes, rework included: its kind's hours, times its
    /// category's planted ratio when AI-assisted, times lognormal noise.
    var intendedHours: Double
    /// First-pass work still to do (the intended hours less the rework rounds').
    var remaining: Int64
    /// The change requests its review will make, in order; empty unless a reviewed pull request.
    var reworkRounds: [ReworkRound] = []
    var pr: Int?
    var commits: [Int] = []
    var merge: Int?
    var intervals: [Interval] = []
    var reviews: [Review] = []
    var reviewer: Int?
    /// When the pull request was opened (last work commit, plus a few minutes).
    var createdAt: Int64?
    var mergedAt: Int64?
    /// Review rounds that asked for changes.
    var changeRequests = 0
    var sessions: [String] = []
    /// `practices` world: its first session plans in plan mode before the first edit.
    var planFirst = false
    /// The noun of the kind's templates this task is about (`coupons`).
    var noun: String
    /// The subject of the first commit, for `fixup!` subjects.
    var firstSubject: String?
    /// When the pull request is (again) ready for review.
    var readyAt: Int64?
    /// Squash merges: the work commits that never reach main, folded into one at merge time.
    var squashEdits: [FileEdit] = []
    var squashSubjects: [String] = []
    /// When each of those work commits was made (the export lists them with these times).
    var squashTimes: [Int64] = []
    /// Validity worlds: those work commits' ids, drawn when made, so that the export and the
    /// Codex rollouts made on the branch (`session_meta.git.commit_hash`) name the same commits.
    var squashOids: [String] = []
    var squashTime: Int64?
    /// Dependency bumps: the package line of the message body.
    var botBody: String?
    /// The truth key: the issue key, else `PR #N`.
    var key: String { issue ?? pr.map { "PR #\($0)" } ?? "task" }
    var isFinished: Bool { remaining <= 0 }
}

/// A dependency-update bot.
struct Bot: Equatable {
    let login: String
    let name: String
    let email: String

    static let dependabot = Bot(
        login: "dependabot", name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com")
    static let renovate = Bot(
        login: "renovate", name: "renovate[bot]", email: "29139614+renovate[bot]@users.noreply.github.com")
}
