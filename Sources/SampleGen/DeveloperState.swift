/// Where one developer stands in the simulation: their clock, the current block of
/// focused work, what they are working on and what waits for them.
struct DeveloperState {
    /// Work asked for in review: the author's fixups, or a reviewer's own change on the branch.
    struct Rework {
        var task: Int
        var remaining: Int64
        var readyAt: Int64
        var commitsLeft: Int
        var byReviewer: Bool
    }

    var clock: Int64 = 0
    var blockStart: Int64 = 0
    var blockEnd: Int64 = 0
    /// Day index (0 = Monday 2026-08-03) of the current block.
    var day = -1
    var inMorning = false
    /// The afternoon block of the current day, drawn with the morning.
    var afternoon: (start: Int64, end: Int64) = (0, 0)
    var firstCommitInBlock = true
    var current: Int?
    var rework: [Rework] = []
    /// Approved pull requests this person merges 30 minutes before their first commit of the block.
    var pendingMerges: [Int] = []
    /// Approved after this block's start: merged in the next block.
    var mergeNextBlock: [Int] = []
    var daysOff: Set<Int> = []
    /// Kinds of work still to draw, so every kind comes up often enough.
    var deck: [Int] = []
    var done = false
}
