/// The planted review overhead, and what the planted history shows of it, for truth.json.
enum ReviewSummary {
    static func truth(_ world: SampleWorld) -> JSONValue {
        .object([
            ("changeRequestChanceByRound", .object([
                ("ai", .array(TeamSimulation.changeChanceAI.map { .double($0) })),
                ("human", .array(TeamSimulation.changeChanceHuman.map { .double($0) })),
            ])),
            ("medianHoursBeforePickup", .object([
                ("ai", .double(TeamSimulation.waitHoursAI, digits: 1)), ("human", .double(TeamSimulation.waitHoursHuman, digits: 1)),
            ])),
            ("reviewerFixChance", .double(TeamSimulation.reviewerFixChance)),
            ("observed", .object([("ai", observed(world, ai: true)), ("human", observed(world, ai: false))])),
        ])
    }

    /// Rework share of effort, review rounds and the wait to the first review, over merged pull requests.
    static func observed(_ world: SampleWorld, ai: Bool) -> JSONValue {
        let tasks = world.tasks.filter { $0.bot == nil && $0.ai == ai && $0.style == .pullRequest && $0.mergedAt != nil }
        var rework: Int64 = 0
        var total: Int64 = 0
        var rounds = 0
        var waits: [Double] = []
        for task in tasks {
            for commit in task.commits {
                let seconds = world.effort[commit] ?? 0
                total += seconds
                if world.commits[commit].isRework { rework += seconds }
            }
            rounds += task.reviews.filter { $0.state != "COMMENTED" }.count
            if let created = task.createdAt, let first = task.reviews.map(\.time).min() {
                waits.append(Double(first - created) / 3600)
            }
        }
        waits.sort()
        return .object([
            ("pullRequests", .int(tasks.count)),
            ("reworkShareOfEffort", .double(total > 0 ? Double(rework) / Double(total) : 0, digits: 3)),
            ("meanReviewRounds", .double(tasks.isEmpty ? 0 : Double(rounds) / Double(tasks.count), digits: 2)),
            ("medianHoursToFirstReview", .double(waits.isEmpty ? 0 : waits[waits.count / 2], digits: 1)),
        ])
    }
}
