/// Two snapshots of one pull request (two exports, or one export that lists it twice) made one,
/// whatever the order they are read in (METHOD.md, Review overhead).
extension PullRequest {
    /// Whether the export carried `part`.
    package func knows(_ part: Part) -> Bool {
        !(unknownParts ?? []).contains(part)
    }

    /// The latest time this snapshot shows (`lastActivity`, or for rows stored before it was kept,
    /// what they hold).
    package var activity: Int64 {
        if let lastActivity { return lastActivity }
        return [created, merged ?? .min, closed ?? .min, firstReview ?? .min, commitTimes?.max() ?? .min].max() ?? created
    }

    /// How far a snapshot has come: merged before not merged (a merge is final), then the later
    /// activity, then closed before open, then more review rounds, comments and commits (reviews
    /// are added, not taken away). The later snapshot is the one further along.
    private var progress: [Int64] {
        [merged != nil ? 1 : 0, activity, closed != nil ? 1 : 0, Int64(reviewRounds ?? -1), Int64(reviewComments), Int64(commits.count)]
    }

    /// `a` and `b` as one: the parts the later snapshot (by `progress`) carried are its, the parts
    /// only the other carried are the other's; the order of the arguments matters only when both
    /// are equally far along (then `b`, the one read last, is taken as the later).
    package static func latest(_ a: PullRequest, _ b: PullRequest) -> PullRequest {
        let bLater = !b.progress.lexicographicallyPrecedes(a.progress)
        let (newer, older) = bLater ? (b, a) : (a, b)
        var result = newer
        for part in Part.allCases where !newer.knows(part) && older.knows(part) {
            result.take(part, from: older)
        }
        let unknown = Part.allCases.filter { !newer.knows($0) && !older.knows($0) }
        result.unknownParts = unknown.isEmpty ? nil : unknown
        result.lastActivity = max(newer.activity, older.activity)
        // Each part known apart (a part neither export carried adds nothing): their sum and first.
        let split = (result.fromReviews != nil || !result.knows(.reviews)) && (result.fromComments != nil || !result.knows(.comments))
        if split, result.fromReviews != nil || result.fromComments != nil {
            let firsts = [result.fromReviews?.first, result.fromComments?.first].compactMap { $0 }
            result.firstReview = firsts.min()
            result.reviewComments = (result.fromReviews?.count ?? 0) + (result.fromComments?.count ?? 0)
        }
        return result
    }

    private mutating func take(_ part: Part, from other: PullRequest) {
        switch part {
        case .author: author = other.author
        case .merged: merged = other.merged
        case .closed: closed = other.closed
        case .headBranch: headBranch = other.headBranch
        case .baseBranch: baseBranch = other.baseBranch
        case .size:
            additions = other.additions
            deletions = other.deletions
        case .reviews:
            reviewRounds = other.reviewRounds
            changeRequests = other.changeRequests
            fromReviews = other.fromReviews
            if other.fromReviews == nil { takeCombinedReview(from: other) }
        case .comments:
            fromComments = other.fromComments
            if other.fromComments == nil { takeCombinedReview(from: other) }
        case .commits:
            commits = other.commits
            commitTimes = other.commitTimes
            commitHeadlines = other.commitHeadlines
        }
    }

    /// A row stored before reviews and comments were kept apart holds only their sum: taken whole.
    private mutating func takeCombinedReview(from other: PullRequest) {
        firstReview = [firstReview, other.firstReview].compactMap { $0 }.min()
        reviewComments = max(reviewComments, other.reviewComments)
    }
}
