/// One assistant session to write: who, which task, when, on which branch, and the
/// commits made inside it. A session covers most of a block of AI-assisted work (its first
/// 50–90%; later blocks now and then have none); the rest is done by hand, as in real
/// life, so session active time stays below the git estimate but grows with the work.
struct SessionPlan {
    let task: Int
    let developer: Int
    let start: Int64
    let end: Int64
    /// Commits of the task made inside the session, by the assistant.
    let commits: [Int]
    let branch: String
    /// Files the session edits (relative paths).
    let files: [String]
    /// The first prompt, when it is not the task's key and title (a question, a review).
    var firstPrompt: String? = nil

    /// The sessions of an AI-assisted task, from its author's work intervals.
    static func plans(task index: Int, world: SampleWorld, random: inout SplitMix64) -> [SessionPlan] {
        let task = world.tasks[index]
        guard let author = task.author, task.ai else { return [] }
        var blocks: [[PlannedTask.Interval]] = []
        for interval in task.intervals where interval.developer == author && !interval.rework {
            if let last = blocks.last?.last, interval.start - last.end <= 900 {
                blocks[blocks.count - 1].append(interval)
            } else {
                blocks.append([interval])
            }
        }
        var plans: [SessionPlan] = []
        for (number, block) in blocks.enumerated() {
            guard let first = block.first, let last = block.last, number == 0 || random.chance(0.7) else { continue }
            let start = first.start + random.seconds(20...240)
            let end = start + Int64(Double(max(last.end + 20 - start, 0)) * (0.5 + 0.4 * random.unit()))
            let commits = block.compactMap(\.commit).filter { world.commits[$0].author.time <= end }
            var files = commits.flatMap { world.commits[$0].edits.map(\.path) }
            if files.isEmpty { files = Array(task.paths.prefix(2)) }
            var unique: [String] = []
            for file in files where !unique.contains(file) { unique.append(file) }
            plans.append(
                SessionPlan(
                    task: index, developer: author, start: start, end: max(end, start + 300), commits: commits,
                    branch: task.sessionBranch ?? task.branch ?? "main", files: unique))
        }
        return plans
    }

    /// Instants of the session's turns: spaced 2–9 minutes (now and then a longer pause for
    /// work by hand), with a turn ending exactly at each commit the assistant makes.
    func turnTimes(random: inout SplitMix64, world: SampleWorld) -> [(time: Int64, commit: Int?)] {
        var turns: [(Int64, Int?)] = []
        var time = start
        let commitTimes = commits.map { (world.commits[$0].author.time, $0) }.sorted { $0.0 < $1.0 }
        var next = 0
        while time < end - 60 || next < commitTimes.count {
            if next < commitTimes.count && commitTimes[next].0 - 45 <= time + 600 {
                turns.append((max(commitTimes[next].0 - 45, time), commitTimes[next].1))
                time = commitTimes[next].0 + 30
                next += 1
                continue
            }
            turns.append((time, nil))
            time += random.chance(0.2) ? random.seconds(660...1500) : random.seconds(150...560)
            if time >= end - 60 && next >= commitTimes.count { break }
        }
        return turns
    }

    /// A plausible prompt for a turn.
    static func prompt(_ task: PlannedTask, file: String, random: inout SplitMix64) -> String {
        let noun = TeamSimulation.display(task.noun)
        return random.pick([
            "\(task.title). Start with \(file).", "Now handle the error cases in \(file)", "Run the tests and fix what fails",
            "Can you simplify the \(noun) code in \(file)?", "Add a test for the empty \(noun) case",
            "Looks good. Update \(file) to use the shared helper", "Why does this fail for \(noun)? Fix it",
        ])
    }
}
