/// Writes Codex CLI rollouts in the current envelope (`{timestamp, type, payload}`):
/// `~/.codex/sessions/YYYY/MM/DD/rollout-<local time>-<uuid>.jsonl`, with session_meta
/// (cwd, git branch and commit), turn_context (model), user and assistant messages,
/// apply_patch calls with `*** Update File:` bodies, exec_command `git commit` calls, and
/// token_count events whose totals grow and are often repeated unchanged.
struct CodexLog {
    var random: SplitMix64
    private var lines: [String] = []
    private var total = (input: 0, cached: 0, output: 0, reasoning: 0)

    init(random: SplitMix64) { self.random = random }

    mutating func session(_ plan: SessionPlan, world: SampleWorld) -> (id: String, file: GeneratedFile) {
        let person = world.team[plan.developer]
        let task = world.tasks[plan.task]
        let startMillis = plan.start * 1000 + Int64(random.int(0...999))
        let id = random.uuid7(millis: startMillis)
        lines = []
        total = (0, 0, 0, 0)
        let head = world.history.refHistory[plan.branch]?.last { world.commits[$0].committer.time <= plan.start }
            .map { world.hash($0) } ?? task.squashHead(at: plan.start)
            ?? world.history.refHistory["main"]?.last { world.commits[$0].committer.time <= plan.start }.map { world.hash($0) }
        add("session_meta", at: startMillis, [
            ("id", .string(id)), ("timestamp", .string(Format.isoMillis(startMillis - 40))), ("cwd", .string(person.checkout)),
            ("originator", .string("codex_cli_rs")), ("cli_version", .string("0.139.0")), ("source", .string("cli")),
            ("model_provider", .string("openai")), ("base_instructions", .object([("text", .string("You are Codex, a coding agent based on GPT-5."))])),
            ("git", .object([("commit_hash", .optional(head)), ("branch", .string(plan.branch)),
                             ("repository_url", .string("git@github.com:acme/acme-shop.git"))])),
        ])
        for (number, turn) in plan.turnTimes(random: &random, world: world).enumerated() {
            var clock = turn.time * 1000 + Int64(random.int(0...999))
            let turnStart = clock
            let turnId = random.uuid7(millis: clock)
            let file = plan.files[number % plan.files.count]
            let prompt = turn.commit != nil ? "commit the changes" : number == 0 ? plan.firstPrompt ?? "\(task.title) (\(task.key))" : SessionPlan.prompt(task, file: file, random: &random)
            add("turn_context", at: clock, [
                ("turn_id", .string(turnId)), ("cwd", .string(person.checkout)), ("approval_policy", .string("on-request")),
                ("sandbox_policy", .object([("type", .string("workspace-write")), ("network_access", .bool(false))])),
                ("model", .string(person.model)), ("personality", .string("pragmatic")), ("effort", .string("medium")), ("summary", .string("auto")),
            ])
            add("event_msg", at: clock, [("type", .string("task_started")), ("turn_id", .string(turnId)), ("started_at", .int(Int(clock / 1000))),
                                         ("model_context_window", .int(272_000)), ("collaboration_mode_kind", .string("default"))])
            if number == 0 {
                add("response_item", at: clock, message("user", "input_text",
                    "<environment_context>\n  <cwd>\(person.checkout)</cwd>\n  <shell>zsh</shell>\n  <current_date>\(Format.date(turn.time, offset: person.offset))</current_date>\n  <timezone>Asia/Kolkata</timezone>\n</environment_context>"))
            }
            add("response_item", at: clock, message("user", "input_text", prompt))
            add("event_msg", at: clock, [("type", .string("user_message")), ("message", .string(prompt)), ("images", .array([])),
                                         ("local_images", .array([])), ("text_elements", .array([]))])
            clock += Int64(random.int(1500...6000))
            add("response_item", at: clock, [("type", .string("reasoning")), ("summary", .array([.object([("type", .string("summary_text")),
                ("text", .string("**Planning the change to \(file)**"))])])), ("content", .null), ("encrypted_content", .string("gAAAAB" + random.base62(48)))])
            tokenCount(at: &clock)
            let call = "call_" + random.base62(24)
            if let commit = turn.commit {
                clock = max(clock, world.commits[commit].author.time * 1000 - 1200)
                let command = "git add -A && git commit -F - <<'MSG'\n\(world.commits[commit].message)MSG"
                add("response_item", at: clock, [("type", .string("function_call")), ("name", .string("exec_command")),
                    ("arguments", .string(JSONValue.object([("cmd", .string(command)), ("workdir", .string(person.checkout))]).compact())), ("call_id", .string(call))])
                clock = world.commits[commit].author.time * 1000 + Int64(random.int(200...900))
                let stats = world.history.stats[commit] ?? (0, 0, 0)
                add("response_item", at: clock, [("type", .string("function_call_output")), ("call_id", .string(call)), ("output", .string(
                    "Exit code: 0\nOutput:\n[\(plan.branch) \(world.hash(commit).prefix(7))] \(world.commits[commit].subject)\n \(stats.files) files changed, \(stats.insertions) insertions(+), \(stats.deletions) deletions(-)\n"))])
            } else {
                let verb = number == 0 && file.hasPrefix("tests/") ? "Add" : "Update"
                let patch = "*** Begin Patch\n*** \(verb) File: \(file)\n@@\n" + (verb == "Add" ? "" : "-  return \(task.noun);\n")
                    + "+  if (!input) throw badRequest('\(task.noun)');\n+  return \(task.noun);\n*** End Patch\n"
                add("response_item", at: clock, [("type", .string("custom_tool_call")), ("status", .string("completed")), ("call_id", .string(call)),
                                                 ("name", .string("apply_patch")), ("input", .string(patch))])
                clock += Int64(random.int(100...600))
                add("response_item", at: clock, [("type", .string("custom_tool_call_output")), ("call_id", .string(call)), ("output", .string(
                    "{\"output\":\"Success. Updated the following files:\\n\(verb == "Add" ? "A" : "M") \(file)\\n\",\"metadata\":{\"exit_code\":0,\"duration_seconds\":0.0}}"))])
            }
            tokenCount(at: &clock)
            clock += Int64(random.int(2000...9000))
            let answer = turn.commit != nil ? "Committed on \(plan.branch)." : "Updated \(file); tests pass."
            add("event_msg", at: clock, [("type", .string("agent_message")), ("message", .string(answer)), ("phase", .string("final_answer"))])
            add("response_item", at: clock, message("assistant", "output_text", answer) + [("phase", .string("final_answer"))])
            tokenCount(at: &clock)
            add("event_msg", at: clock + 5, [("type", .string("task_complete")), ("turn_id", .string(turnId)), ("last_agent_message", .string(answer)),
                                             ("completed_at", .int(Int(clock / 1000))), ("duration_ms", .int(Int(clock - turnStart)))])
        }
        let local = Format.civil(plan.start, offset: person.offset)
        let folder = String(format: "%04d/%02d/%02d", local.year, local.month, local.day)
        let name = String(format: "rollout-%04d-%02d-%02dT%02d-%02d-%02d-", local.year, local.month, local.day, local.hour, local.minute, local.second)
        return (id, GeneratedFile("machines/\(person.login)/.codex/sessions/\(folder)/\(name)\(id).jsonl", text: lines.joined(separator: "\n") + "\n"))
    }

    private func message(_ role: String, _ kind: String, _ text: String) -> [(String, JSONValue)] {
        [("type", .string("message")), ("role", .string(role)), ("content", .array([.object([("type", .string(kind)), ("text", .string(text))])]))]
    }

    /// A model call's usage; about half of the events repeat the previous total unchanged.
    private mutating func tokenCount(at clock: inout Int64) {
        let last = (input: random.int(9000...40_000), cached: 0, output: random.int(40...1500), reasoning: 0)
        let usage = (input: last.input, cached: last.input * random.int(60...95) / 100, output: last.output, reasoning: last.output * random.int(0...60) / 100)
        total = (total.input + usage.input, total.cached + usage.cached, total.output + usage.output, total.reasoning + usage.reasoning)
        let event = tokenEvent(last: usage)
        add("event_msg", at: clock, event)
        if random.chance(0.5) { add("event_msg", at: clock + Int64(random.int(1...40)), event) }
        clock += Int64(random.int(50...400))
    }

    private func tokenEvent(last: (input: Int, cached: Int, output: Int, reasoning: Int)) -> [(String, JSONValue)] {
        func usage(_ value: (input: Int, cached: Int, output: Int, reasoning: Int)) -> JSONValue {
            .object([("input_tokens", .int(value.input)), ("cached_input_tokens", .int(value.cached)), ("output_tokens", .int(value.output)),
                     ("reasoning_output_tokens", .int(value.reasoning)), ("total_tokens", .int(value.input + value.output))])
        }
        return [
            ("type", .string("token_count")),
            ("info", .object([("total_token_usage", usage(total)), ("last_token_usage", usage(last)), ("model_context_window", .int(272_000))])),
            ("rate_limits", .object([("limit_id", .string("codex")), ("primary", .object([("used_percent", .double(12.0, digits: 1)), ("window_minutes", .int(300))]))])),
        ]
    }

    private mutating func add(_ type: String, at millis: Int64, _ payload: [(String, JSONValue)]) {
        lines.append(JSONValue.object([("timestamp", .string(Format.isoMillis(millis))), ("type", .string(type)), ("payload", .object(payload))]).compact())
    }
}
