/// Generates the demo team's data for one seed: the history, the session logs, the
/// pull-request export, the time log, the backlog and the planted truth. Every writer
/// draws from its own generator derived from the seed, so the same seed gives the same bytes.
struct SampleDataGenerator {
    let seed: UInt64
    var scenario = Scenario.demo

    /// Everything, sorted by path.
    func generate() -> [GeneratedFile] {
        var simulation = TeamSimulation(seed: seed, scenario: scenario)
        simulation.run()
        let root = SplitMix64(seed: seed)
        var repository = RepositoryWriter(random: root.derived(10))
        let history = repository.write(simulation.commits, tasks: simulation.tasks)
        // A rebasing team has no pull requests to export, so its squashes (if any) keep one lead-in.
        let exportsPullRequests = !scenario.has(.linear)
        let effort = EffortEstimator().effort(
            simulation.commits, tasks: simulation.tasks, marks: history.marks, squashTimelines: exportsPullRequests)
        var world = SampleWorld(simulation: simulation, history: history, effort: effort)
        var files = [GeneratedFile("repo.fi", history.stream)]
        var sessions = SessionLogs(random: root.derived(20))
        files += sessions.write(&world)
        var random = root.derived(30)
        if exportsPullRequests { files.append(GeneratedFile("prs.json", text: PullRequestExport.write(world))) }
        files.append(GeneratedFile("timelog.csv", text: TimeLogWriter.write(world, random: &random)))
        files.append(GeneratedFile("backlog.csv", text: BacklogWriter.write(random: &random)))
        files.append(GeneratedFile("truth.json", text: TruthWriter.write(world, seed: seed)))
        if !scenario.isDemo { files = files.map(scenario.relocated) }
        return files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    }
}

/// The simulated team and its realised history, as every writer after the repository sees it.
struct SampleWorld {
    var simulation: TeamSimulation
    let history: RepositoryWriter.Output
    /// Commit index → seconds of effort METHOD.md's estimator gives it.
    let effort: [Int: Int64]
    /// Validity worlds: the sessions that deliver no task (abandoned questions, reviews), for truth.json.
    var confounderSessions: [JSONValue] = []

    var tasks: [PlannedTask] {
        get { simulation.tasks }
        set { simulation.tasks = newValue }
    }
    var commits: [PlannedCommit] { simulation.commits }
    var team: [Developer] { simulation.team }

    /// The planted effort of a task: the estimator's seconds over its commits, in hours.
    func effortHours(_ task: PlannedTask) -> Double {
        Double(task.commits.reduce(Int64(0)) { $0 + (effort[$1] ?? 0) }) / 3600
    }

    func hash(_ commit: Int) -> String { history.hashes[commit] ?? "" }
}
