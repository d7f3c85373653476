import Foundation

/// Writes truth.json: what was planted (categories, AI use, ratios, review overhead, effort
/// per task as METHOD.md's git estimator computes it from the planted timestamps), so tests
/// and the demo can check what Multiplier recovers.
enum TruthWriter {
    static func write(_ world: SampleWorld, seed: UInt64) -> String {
        let tasks = world.tasks
        var effects: [(String, JSONValue)] = []
        let observed = observedRatios(world)
        for kind in WorkKind.catalog {
            effects.append((kind.category, .object([
                ("zone", .string(kind.zone)), ("ratio", .double(kind.ratio)), ("medianHumanHours", .double(kind.hours, digits: 1)),
                ("observedRatio", observed[kind.category].map { .double($0, digits: 3) } ?? .null),
            ])))
        }
        let entries: [JSONValue] = tasks.map { task in
            let kind = WorkKind.catalog[task.kind]
            let marks = task.commits.compactMap { world.history.marks[$0] }
            let reworkMarks = task.commits.filter { world.commits[$0].isRework }.compactMap { world.history.marks[$0] }
            let rounds = task.reviews.filter { $0.state != "COMMENTED" }.count
            return .object([
                ("key", .string(task.key)), ("issue", .optional(task.issue)), ("title", .string(task.title)),
                ("category", .string(kind.category)), ("zone", .string(kind.zone)), ("ai", .bool(task.ai)),
                ("aiTool", .optional(task.tool?.rawValue)), ("aiMarkedInCommits", .bool(task.trailer && task.tool != nil)),
                ("author", .string(task.bot?.name ?? world.team[task.author ?? 0].login)), ("bot", .bool(task.bot != nil)),
                ("style", .string(task.style.rawValue)), ("state", .string(state(task))),
                ("commitMarks", .array(marks.map(JSONValue.int))),
                ("commitHashes", .array(task.commits.map { .string(world.hash($0)) })), ("reworkMarks", .array(reworkMarks.map(JSONValue.int))),
                ("mergeMark", .optional(task.merge.flatMap { world.history.marks[$0] })), ("pr", .optional(task.pr)),
                ("branch", .optional(task.branch)), ("effortHours", .double(world.effortHours(task), digits: 4)),
                ("intendedHours", .double(task.intendedHours, digits: 4)), ("reviewRounds", .int(rounds)),
                ("changeRequests", .int(task.changeRequests)), ("sessions", .array(task.sessions.map(JSONValue.string))),
                ("files", .array(task.paths.map(JSONValue.string))),
            ])
        }
        let mergeCount = tasks.filter { $0.merge != nil }.count
        var sessionCounts: [String: Int] = [:]
        for task in tasks { if let tool = task.tool, !task.sessions.isEmpty { sessionCounts[tool.rawValue, default: 0] += task.sessions.count } }
        let truth = JSONValue.object([
            ("seed", .number(String(seed))),
            ("period", .object([("start", .string(Format.iso(TeamSimulation.start))), ("end", .string(Format.iso(TeamSimulation.end)))])),
            ("estimator", .object([
                ("maximumGapHours", .int(2)), ("leadInHours", .double(0.5, digits: 1)), ("identity", .string("author email")),
                ("excluded", .string("merge commits and bots")),
                ("note", .string("effortHours is METHOD.md's git estimate from the planted timestamps; intendedHours is the work time drawn, review rework included (AI tasks already multiplied by their category's ratio)")),
            ])),
            ("developers", .array(world.team.map { person in
                .object([
                    ("login", .string(person.login)), ("name", .string(person.name)), ("email", .string(person.email)),
                    ("utcOffset", .string(offsetText(person.offset))), ("tool", .optional(person.tool?.rawValue)),
                    ("aiShare", .double(person.aiShare)), ("conventionalCommits", .bool(person.conventional)),
                    ("checkout", .string(person.checkout)), ("model", .string(person.model)),
                ])
            })),
            ("bots", .array([Bot.dependabot, Bot.renovate].map { .string($0.name) })),
            ("effects", .object(effects)),
            ("endToEnd", .object([("ratio", .double(endToEnd(world, ratios: plantedRatios()), digits: 3)),
                                  ("observedRatio", .double(endToEnd(world, ratios: observed), digits: 3))])),
            ("reviewOverhead", ReviewSummary.truth(world)),
            ("baselineMarks", .array([.int(world.history.marks[0] ?? 1)])),
            ("counts", .object([
                ("commits", .int(world.commits.count)), ("mergeCommits", .int(mergeCount)), ("tasks", .int(tasks.count)),
                ("pullRequests", .int(tasks.filter { $0.pr != nil }.count)),
                ("sessions", .object(sessionCounts.map { ($0.key, JSONValue.int($0.value)) })),
                ("filesAtEnd", .int(world.history.finalFileCount)),
            ])),
            ("tasks", .array(entries)),
        ] + worldTruth(world))
        return truth.pretty()
    }

    static func state(_ task: PlannedTask) -> String {
        if task.mergedAt != nil { return "merged" }
        if task.createdAt != nil { return "open" }
        return task.isFinished ? "committed" : "in-progress"
    }

    static func offsetText(_ minutes: Int) -> String {
        let value = abs(minutes)
        return (minutes < 0 ? "-" : "+") + String(format: "%02d:%02d", value / 60, value % 60)
    }

    static func plantedRatios() -> [String: Double] {
        Dictionary(uniqueKeysWithValues: WorkKind.catalog.map { ($0.category, $0.ratio) })
    }

    /// Geometric-mean effort of AI tasks over human tasks, per category (non-bot, positive effort).
    static func observedRatios(_ world: SampleWorld) -> [String: Double] {
        var logs: [String: (ai: [Double], human: [Double])] = [:]
        for task in world.tasks where task.bot == nil {
            let hours = world.effortHours(task)
            guard hours > 0 else { continue }
            let category = WorkKind.catalog[task.kind].category
            if task.ai { logs[category, default: ([], [])].ai.append(log(hours)) } else { logs[category, default: ([], [])].human.append(log(hours)) }
        }
        var result: [String: Double] = [:]
        for (category, values) in logs where !values.ai.isEmpty && !values.human.isEmpty {
            let ai = values.ai.reduce(0, +) / Double(values.ai.count)
            let human = values.human.reduce(0, +) / Double(values.human.count)
            result[category] = exp(ai - human)
        }
        return result
    }

    /// METHOD.md's end-to-end ratio: Σ w_c · r_c, w_c the category's share of human-equivalent effort.
    static func endToEnd(_ world: SampleWorld, ratios: [String: Double]) -> Double {
        var equivalent: [String: Double] = [:]
        for task in world.tasks where task.bot == nil {
            let category = WorkKind.catalog[task.kind].category
            let ratio = ratios[category] ?? 1
            let hours = world.effortHours(task)
            equivalent[category, default: 0] += task.ai ? hours / ratio : hours
        }
        let total = equivalent.values.reduce(0, +)
        guard total > 0 else { return 1 }
        return equivalent.keys.sorted().reduce(0) { $0 + (equivalent[$1] ?? 0) / total * (ratios[$1] ?? 1) }
    }
}

extension TruthWriter {
    /// Validity worlds only: the world, its confounders, where each task's branch is seen,
    /// each person's planted pace, and the sessions that deliver no task.
    static func worldTruth(_ world: SampleWorld) -> [(String, JSONValue)] {
        let scenario = world.simulation.scenario
        guard !scenario.isDemo else { return [] }
        let branches: [JSONValue] = world.tasks.compactMap { task in
            guard task.bot == nil else { return nil }
            return .object([("key", .string(task.key)), ("branch", .optional(task.sessionBranch ?? task.branch))])
        }
        return [("world", .object([
            ("name", .string(scenario.name)), ("confounders", .array(scenario.confounders.sorted().map { .string($0.rawValue) })),
            ("checkout", .optional(scenario.checkout)), ("origin", .string("git@github.com:acme/acme-shop.git")),
            ("speed", .object(world.team.indices.map { (world.team[$0].login, JSONValue.double(scenario.speed(of: $0))) })),
            ("taskBranches", .array(branches)), ("confounderSessions", .array(world.confounderSessions)),
        ]))] + practicesTruth(world)
    }

    /// Practices world only: the planted plan-first and context-file effects, as the ratios
    /// `report practices` should recover (plan-first / code-first and after / before effort of
    /// AI-assisted tasks, within category), and which tasks planned first.
    static func practicesTruth(_ world: SampleWorld) -> [(String, JSONValue)] {
        let scenario = world.simulation.scenario
        guard scenario.isPractices else { return [] }
        let planFirst = world.tasks.filter { $0.planFirst && $0.bot == nil }
        let time = world.simulation.contextFileTime
        return [("practices", .object([
            ("planFirst", .object([
                ("effect", .double(scenario.planFirstEffect, digits: 4)), ("ratio", .double(1 - scenario.planFirstEffect, digits: 4)),
                ("reworkShareFactor", .double(1 - scenario.planFirstEffect, digits: 4)),
                ("changeRequestFactor", .double(1 - scenario.planFirstEffect, digits: 4)),
                ("note", .string("half of the Claude Code AI tasks plan first (permissionMode plan, ExitPlanMode in their first session); their drawn hours, the chance that a review round asks for changes, and each rework round's share of the hours are times ratio")),
                ("tasks", .array(planFirst.map { .string($0.key) })),
            ])),
            ("contextFile", .object([
                ("path", .string("CLAUDE.md")), ("commit", .optional(world.simulation.contextFileCommit.map { world.hash($0) })),
                ("time", .optional(time.map { Format.iso($0) })), ("seconds", .optional(time.map { String($0) })),
                ("effect", .double(scenario.contextFileEffect, digits: 4)), ("ratio", .double(1 - scenario.contextFileEffect, digits: 4)),
                ("note", .string("AI-assisted tasks started after the commit that adds CLAUDE.md take ratio times the hours; tasks without AI do not change")),
            ])),
        ]))]
    }
}
