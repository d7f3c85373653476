extension SessionLogs {
    /// The sessions of a validity world that deliver no task's work: questions asked on main
    /// while a task was done by hand (`abandoned`), and reviewers' sessions on the author's
    /// branch (`review-sessions`). Neither makes a commit; truth.json lists them apart.
    mutating func confounderSessions(
        _ world: inout SampleWorld, claude: inout ClaudeCodeLog, codex: inout CodexLog, aider: inout AiderLog
    ) -> [GeneratedFile] {
        var plans: [(plan: SessionPlan, kind: String)] = []
        let scenario = world.simulation.scenario
        for (index, task) in world.tasks.enumerated() where task.bot == nil {
            if scenario.has(.abandoned), !task.ai, let author = task.author, Self.logs(world.team[author].tool),
                let interval = task.intervals.first(where: { $0.developer == author && !$0.rework }), random.chance(0.3)
            {
                let shared = task.paths.filter { Scenario.sharedFiles.values.joined().map(\.path).contains($0) }
                let file = shared.isEmpty ? task.paths[0] : random.pick(shared)
                let start = interval.start + random.seconds(300...1800)
                plans.append((SessionPlan(
                    task: index, developer: author, start: start, end: start + random.seconds(600...2100), commits: [],
                    branch: "main", files: [file],
                    firstPrompt: "How is \(file) organised? Just explain it for now."), "abandoned"))
            }
            if scenario.has(.reviewSessions), let reviewer = task.reviewer, Self.logs(world.team[reviewer].tool),
                let last = task.commits.map({ world.commits[$0].author.time }).max(), random.chance(0.35)
            {
                let firstReview = task.reviews.map(\.time).min()
                let start = firstReview.map { $0 - random.seconds(1200...2400) }
                    ?? last + Int64(random.lognormal(median: 3, sigma: 0.6) * 3600)
                let branch = task.sessionBranch ?? task.branch ?? "main"
                plans.append((SessionPlan(
                    task: index, developer: reviewer, start: start, end: start + random.seconds(600...1800), commits: [],
                    branch: branch, files: Array(task.paths.prefix(2)),
                    firstPrompt: "Review the changes on \(branch) against main and list what to fix."), "review"))
            }
        }
        var files: [GeneratedFile] = []
        for (plan, kind) in plans {
            let id: String
            switch world.team[plan.developer].tool {
            case .claudeCode:
                let written = claude.session(plan, world: world)
                (id, files) = (written.id, files + written.files)
            case .codex:
                let written = codex.session(plan, world: world)
                (id, files) = (written.id, files + [written.file])
            case .aider: id = aider.session(plan, world: world)
            case .copilotCLI, nil: continue
            }
            world.confounderSessions.append(.object([
                ("id", .string(id)), ("kind", .string(kind)), ("developer", .string(world.team[plan.developer].login)),
                ("task", .string(world.tasks[plan.task].key)),
            ]))
        }
        return files
    }

    /// Whether a tool's session logs are collected (Copilot CLI leaves only its trailer).
    static func logs(_ tool: AITool?) -> Bool { tool == .claudeCode || tool == .codex || tool == .aider }
}
