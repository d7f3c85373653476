/// Writes the assistants' session logs for the AI-assisted tasks, in each tool's real
/// on-disk layout under `machines/<login>/`, and records each task's session ids.
/// Copilot CLI tasks leave only their trailer (their logs are not collected).
struct SessionLogs {
    var random: SplitMix64

    mutating func write(_ world: inout SampleWorld) -> [GeneratedFile] {
        var claude = ClaudeCodeLog(random: random.derived(1))
        var codex = CodexLog(random: random.derived(2))
        var aider = AiderLog(random: random.derived(3))
        var files: [GeneratedFile] = []
        for index in world.tasks.indices where world.tasks[index].ai {
            let plans = SessionPlan.plans(task: index, world: world, random: &random)
            var ids: [String] = []
            for (number, plan) in plans.enumerated() {
                switch world.tasks[index].tool {
                case .claudeCode:
                    // A plan-first task plans in its first session (practices world).
                    let written = claude.session(plan, world: world, planFirst: number == 0 && world.tasks[index].planFirst)
                    ids.append(written.id)
                    files += written.files
                case .codex:
                    let written = codex.session(plan, world: world)
                    ids.append(written.id)
                    files.append(written.file)
                case .aider:
                    ids.append(aider.session(plan, world: world))
                case .copilotCLI, nil:
                    break
                }
            }
            world.tasks[index].sessions = ids
        }
        if !world.simulation.scenario.isDemo {
            files += confounderSessions(&world, claude: &claude, codex: &codex, aider: &aider)
        }
        files += aider.files(world: world)
        return files
    }
}
