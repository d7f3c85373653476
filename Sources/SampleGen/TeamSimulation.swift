/// Simulates the team's 16 weeks: each person works blocks of focused time on their own
/// clock (9–12 and about 14:45–18 local, lunch and meetings between), task after task,
/// committing at most every 115 minutes and 30 minutes into each block, so that
/// METHOD.md's git estimator recovers the work time; reviews, rework and merges happen
/// between people in time order.
struct TeamSimulation {
    /// Monday 2026-08-03 00:00 UTC.
    static let start: Int64 = 1_785_715_200
    static let days = 112
    /// Sunday 2026-11-22 23:59:59 UTC.
    static let end: Int64 = start + Int64(days) * 86_400 - 1
    /// No new tasks are started after this (the last week is for finishing and review).
    static let lastStart: Int64 = start + 103 * 86_400

    var team = Developer.team
    /// The demo, or a validity world with its confounders (World.swift).
    let scenario: Scenario
    var random: SplitMix64
    var tasks: [PlannedTask] = []
    var commits: [PlannedCommit] = []
    var people: [DeveloperState]
    /// Per reviewer: pull requests waiting for their review.
    var reviewQueues: [[Int]]
    /// Per task: the earliest time the reviewer looks at it.
    var reviewAfter: [Int: Int64] = [:]
    var issueNumber = 117
    var sequence = 0
    /// Whether `src/utils/date.ts` has been renamed to `dates.ts` yet.
    var renamedDates = false
    var binaryUpdated = false
    var usedBranches: Set<String> = []
    /// Per (kind, AI) group: the z-scores still to draw.
    var noiseDecks: [Int: [Double]] = [:]
    /// `practices` world: when the commit that adds CLAUDE.md was made, and its index.
    var contextFileTime: Int64?
    var contextFileCommit: Int?
    var contextFileTaskPlanned = false

    init(seed: UInt64, scenario: Scenario = .demo) {
        random = SplitMix64(seed: seed)
        self.scenario = scenario
        team = scenario.team(Developer.team)
        people = Array(repeating: DeveloperState(), count: Developer.team.count)
        reviewQueues = Array(repeating: [], count: Developer.team.count)
    }

    /// Runs the whole period and composes every commit message.
    mutating func run() {
        baseline()
        for index in people.indices {
            var days: Set<Int> = []
            while days.count < random.int(3...6) {
                let day = random.int(0...(Self.days - 1))
                if day % 7 < 5 { days.insert(day) }
            }
            if index == 4 { for day in 42...46 { days.insert(day) } }  // erin's week off
            people[index].daysOff = days
            advanceBlock(index)
        }
        scheduleBots()
        while let index = nextDeveloper() { step(index) }
        numberPullRequests()
        composeMessages()
    }

    /// The developer whose clock is earliest (ties: the lower index).
    private func nextDeveloper() -> Int? {
        var best: Int?
        for index in people.indices where !people[index].done {
            if let current = best, people[current].clock <= people[index].clock { continue }
            best = index
        }
        return best
    }

    mutating func addCommit(_ commit: PlannedCommit) -> Int {
        var commit = commit
        commit.sequence = sequence
        sequence += 1
        commits.append(commit)
        return commits.count - 1
    }

    /// Local midnight of `day` for a developer, in UTC seconds.
    func midnight(_ day: Int, developer: Int) -> Int64 {
        Self.start + Int64(day) * 86_400 - Int64(team[developer].offset) * 60
    }

    /// Moves a developer to their next block of work, then lets them review and merge.
    mutating func advanceBlock(_ index: Int) {
        var state = people[index]
        if state.inMorning {
            state.inMorning = false
            state.blockStart = state.afternoon.start
            state.blockEnd = state.afternoon.end
        } else {
            repeat { state.day += 1 } while state.day < Self.days && (state.day % 7 >= 5 || state.daysOff.contains(state.day))
            let base = midnight(state.day, developer: index)
            let morningStart = base + 9 * 3600 + random.seconds(-900...1800)
            let morningEnd = base + 12 * 3600 + random.seconds(-900...1200)
            let afternoonStart = morningEnd + random.seconds(9300...11_100)
            let afternoonEnd = base + 18 * 3600 + random.seconds(-1800...900)
            state.inMorning = true
            state.blockStart = morningStart
            state.blockEnd = morningEnd
            state.afternoon = (afternoonStart, afternoonEnd)
        }
        state.clock = state.blockStart
        state.firstCommitInBlock = true
        state.pendingMerges += state.mergeNextBlock
        state.mergeNextBlock = []
        if state.day >= Self.days || state.blockStart > Self.end - 2 * 86_400 { state.done = true }
        people[index] = state
        if !state.done { review(as: index) }
    }

    /// One step: work one chunk on the most urgent item and commit it.
    private mutating func step(_ index: Int) {
        if people[index].clock >= people[index].blockEnd - 600 {
            advanceBlock(index)
            return
        }
        let clock = people[index].clock
        if let position = people[index].rework.firstIndex(where: { $0.readyAt <= clock }) {
            workOnRework(index, position: position)
            return
        }
        if people[index].current == nil {
            guard clock < Self.lastStart else {
                people[index].clock = people[index].blockEnd
                return
            }
            people[index].current = newTask(for: index, at: clock)
        }
        if let task = people[index].current { workOnTask(index, task: task) }
    }

    /// How long the next chunk may last: 30 minutes for the first commit of a block (the
    /// estimator's lead-in), else 60–115 minutes; nil if the block is too nearly over.
    private mutating func chunkLength(_ index: Int, remaining: Int64, split: Int = 1) -> Int64? {
        let state = people[index]
        let target = state.firstCommitInBlock ? 1800 : random.seconds(3600...6900)
        let share = split > 1 ? max(remaining / Int64(split), 600) : remaining
        let length = min(target, share, state.blockEnd - state.clock)
        if length < 300 && remaining > length { return nil }
        return max(length, 60)
    }

    private mutating func workOnTask(_ index: Int, task: Int) {
        guard let length = chunkLength(index, remaining: tasks[task].remaining) else {
            people[index].clock = people[index].blockEnd
            return
        }
        let start = people[index].clock
        people[index].clock += length
        tasks[task].remaining -= length
        let commit = commitChunk(task: task, developer: index, start: start, end: people[index].clock)
        tasks[task].intervals.append(
            PlannedTask.Interval(start: start, end: people[index].clock, commit: commit, rework: false, developer: index))
        // A squash-merged task's work commits never reach main; only its last one's time does.
        if commit != nil || tasks[task].isFinished { didCommit(index) }
        if tasks[task].isFinished {
            people[index].current = nil
            finish(task: task, at: people[index].clock)
        }
    }

    private mutating func workOnRework(_ index: Int, position: Int) {
        var item = people[index].rework[position]
        guard let length = chunkLength(index, remaining: item.remaining, split: item.commitsLeft) else {
            people[index].clock = people[index].blockEnd
            return
        }
        let start = people[index].clock
        people[index].clock += length
        item.remaining -= length
        item.commitsLeft -= 1
        let commit = reworkCommit(task: item.task, developer: index, byReviewer: item.byReviewer, at: people[index].clock)
        tasks[item.task].intervals.append(
            PlannedTask.Interval(start: start, end: people[index].clock, commit: commit, rework: true, developer: index))
        didCommit(index)
        if item.remaining <= 0 || item.commitsLeft <= 0 {
            people[index].rework.remove(at: position)
            reworkDone(item, developer: index, at: people[index].clock)
        } else {
            people[index].rework[position] = item
        }
    }

    /// After a commit at the developer's clock: merges of the block happen 30 minutes before
    /// their first commit, so a merge never changes the gaps the estimator sees.
    private mutating func didCommit(_ index: Int) {
        guard people[index].firstCommitInBlock else { return }
        people[index].firstCommitInBlock = false
        let time = people[index].clock - 1800
        for task in people[index].pendingMerges { merge(task: task, by: index, at: time) }
        people[index].pendingMerges = []
    }
}
