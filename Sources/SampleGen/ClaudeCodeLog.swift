/// Writes Claude Code 2.1.x transcripts: `~/.claude/projects/<cwd, non-alphanumerics as '-'>/
/// <sessionId>.jsonl`, with the real envelope (parentUuid, cwd, sessionId, version,
/// gitBranch, uuid, timestamp), one assistant line per content block sharing message.id and
/// requestId, Edit/Write tool uses on absolute paths, a Bash `git commit` at each commit,
/// `system` turn_duration records, and now and then a sub-agent transcript.
struct ClaudeCodeLog {
    var random: SplitMix64
    private var lines: [String] = []
    private var parent: String?
    private var context: (cwd: String, session: String, version: String, branch: String, slug: String) = ("", "", "", "", "")
    private var cacheRead = 0

    init(random: SplitMix64) { self.random = random }

    /// Encodes a working directory as Claude Code names its project folder.
    static func projectFolder(_ cwd: String) -> String {
        String(cwd.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    /// `planFirst` (practices world): the first prompt runs in plan mode (`permissionMode: "plan"`)
    /// and the assistant presents its plan with `ExitPlanMode` before the first edit.
    mutating func session(_ plan: SessionPlan, world: SampleWorld, planFirst: Bool = false) -> (id: String, files: [GeneratedFile]) {
        let person = world.team[plan.developer]
        let task = world.tasks[plan.task]
        let id = random.uuid()
        let slug = [random.pick(["radiant", "humble", "quiet", "brisk", "amber"]), random.pick(["floating", "seeking", "winding", "steady"]),
                    random.pick(["music", "umbrella", "harbor", "lantern", "meadow"])].joined(separator: "-")
        context = (person.checkout, id, plan.start < TeamSimulation.start + 60 * 86_400 ? "2.1.39" : "2.1.45", plan.branch, slug)
        lines = []
        parent = nil
        cacheRead = 14_000 + random.int(0...6000)
        var subagent: [GeneratedFile] = []
        let turns = plan.turnTimes(random: &random, world: world)
        let firstPrompt = random.uuid()
        lines.append(JSONValue.object([
            ("type", .string("file-history-snapshot")), ("messageId", .string(firstPrompt)),
            ("snapshot", .object([("messageId", .string(firstPrompt)), ("trackedFileBackups", .object([])),
                                  ("timestamp", .string(Format.isoMillis(plan.start * 1000 + 410)))])),
            ("isSnapshotUpdate", .bool(false)),
        ]).compact())
        for (number, turn) in turns.enumerated() {
            var clock = turn.time * 1000 + Int64(random.int(0...999))
            let turnStart = clock
            let file = plan.files[number % plan.files.count]
            let prompt = turn.commit != nil ? "commit this" : number == 0 ? plan.firstPrompt ?? "Work on \(task.key): \(task.title)" : SessionPlan.prompt(task, file: file, random: &random)
            var user: [(String, JSONValue)] = [("type", .string("user")), ("message", .object([("role", .string("user")), ("content", .string(prompt))]))]
            if number == 0 {
                user += [("thinkingMetadata", .object([("maxThinkingTokens", .int(31999))])), ("todos", .array([])),
                         ("permissionMode", .string(planFirst ? "plan" : "acceptEdits"))]
            }
            record(user, at: clock, uuid: number == 0 ? firstPrompt : nil)
            clock += Int64(random.int(2000...6000))
            if number == 0 && planFirst {
                let noun = TeamSimulation.display(task.noun)
                let text = "## Plan\n1. Read how \(noun) is handled in \(plan.files.joined(separator: ", ")).\n2. Change the module's interface first, then its callers.\n3. Add tests for the new cases."
                let tool = assistant(at: &clock, text: "Here is how I would approach it.", tool: ("ExitPlanMode", .object([("plan", .string(text))])))
                clock += Int64(random.int(20_000...90_000))
                toolResult(tool, content: "User has approved your plan. You can now start coding.", result: .object([
                    ("plan", .string(text)), ("isAgent", .bool(false)),
                ]), at: clock)
                clock += Int64(random.int(1000...4000))
            }
            if let commit = turn.commit {
                let message = world.commits[commit].message
                let command = "git add -A && git commit -m \"$(cat <<'EOF'\n\(message)EOF\n)\""
                clock = max(clock, world.commits[commit].author.time * 1000 - 1500)
                let tool = assistant(at: &clock, text: "I'll commit the changes.", tool: ("Bash", .object([
                    ("command", .string(command)), ("description", .string("Commit the changes")),
                ])))
                clock = world.commits[commit].author.time * 1000 + Int64(random.int(300...900))
                let stats = world.history.stats[commit] ?? (0, 0, 0)
                let output = "[\(plan.branch) \(world.hash(commit).prefix(7))] \(world.commits[commit].subject)\n \(stats.files) file\(stats.files == 1 ? "" : "s") changed, \(stats.insertions) insertions(+), \(stats.deletions) deletions(-)"
                toolResult(tool, content: output, result: .object([
                    ("stdout", .string(output)), ("stderr", .string("")), ("interrupted", .bool(false)), ("isImage", .bool(false)),
                ]), at: clock)
            } else if number == 0 && random.chance(0.15) {
                let agent = random.hex(7)
                let tool = assistant(at: &clock, text: "Let me explore the code first.", tool: ("Task", .object([
                    ("description", .string("Explore \(TeamSimulation.display(task.noun)) code")), ("subagent_type", .string("Explore")),
                    ("prompt", .string("Find where \(TeamSimulation.display(task.noun)) is handled and list the files.")),
                ])))
                subagent.append(subagentFile(agent: agent, plan: plan, file: file, at: clock))
                clock += Int64(random.int(20_000...60_000))
                toolResult(tool, content: "The \(TeamSimulation.display(task.noun)) code lives in \(plan.files.joined(separator: ", ")).", result: .object([
                    ("status", .string("completed")), ("agentId", .string(agent)), ("totalDurationMs", .int(random.int(20_000...60_000))),
                    ("totalTokens", .int(random.int(9000...40_000))), ("totalToolUseCount", .int(random.int(3...9))),
                ]), at: clock)
            } else {
                let path = person.checkout + "/" + file
                let old = "  return \(task.noun.replacingOccurrences(of: "-", with: "_"));"
                let new = "  if (!input) throw badRequest('\(task.noun)');\n" + old
                let write = file.hasSuffix(".sql") || (number == 0 && file.hasPrefix("tests/"))
                let input: JSONValue = write
                    ? .object([("file_path", .string(path)), ("content", .string(new + "\n"))])
                    : .object([("replace_all", .bool(false)), ("file_path", .string(path)), ("old_string", .string(old)), ("new_string", .string(new))])
                let tool = assistant(at: &clock, text: "I'll update \(file).", tool: (write ? "Write" : "Edit", input))
                clock += Int64(random.int(200...2500))
                let result: JSONValue = write
                    ? .object([("type", .string("create")), ("filePath", .string(path)), ("content", .string(new + "\n")), ("structuredPatch", .array([]))])
                    : .object([
                        ("filePath", .string(path)), ("oldString", .string(old)), ("newString", .string(new)),
                        ("structuredPatch", .array([.object([
                            ("oldStart", .int(12)), ("oldLines", .int(1)), ("newStart", .int(12)), ("newLines", .int(2)),
                            ("lines", .array([.string("+" + new.split(separator: "\n")[0]), .string(" " + old)])),
                        ])])), ("userModified", .bool(false)), ("replaceAll", .bool(false)),
                    ])
                toolResult(tool, content: write ? "File created successfully at: \(path)" : "The file \(path) has been updated successfully.", result: result, at: clock)
            }
            clock += Int64(random.int(3000...15_000))
            _ = assistant(at: &clock, text: turn.commit != nil ? "Committed." : "Done. The change is in \(file).", tool: nil)
            record([("type", .string("system")), ("subtype", .string("turn_duration")), ("durationMs", .int(Int(clock - turnStart))),
                    ("isMeta", .bool(false))], at: clock + 40)
        }
        let folder = "machines/\(person.login)/.claude/projects/\(Self.projectFolder(person.checkout))"
        let main = GeneratedFile("\(folder)/\(id).jsonl", text: lines.joined(separator: "\n") + "\n")
        return (id, [main] + subagent.map { GeneratedFile("\(folder)/\(id)/subagents/\($0.path)", $0.bytes) })
    }

    /// Appends one enveloped record and makes it the parent of the next.
    private mutating func record(_ body: [(String, JSONValue)], at millis: Int64, uuid: String? = nil, extra: [(String, JSONValue)] = []) {
        let id = uuid ?? random.uuid()
        let envelope: [(String, JSONValue)] = [
            ("parentUuid", .optional(parent)), ("isSidechain", .bool(false)), ("userType", .string("external")), ("cwd", .string(context.cwd)),
            ("sessionId", .string(context.session)), ("version", .string(context.version)), ("gitBranch", .string(context.branch)),
            ("slug", .string(context.slug)),
        ]
        lines.append(JSONValue.object(envelope + body + extra + [("uuid", .string(id)), ("timestamp", .string(Format.isoMillis(millis)))]).compact())
        parent = id
    }

    /// One API response written as one line per content block (text, then a tool use),
    /// all with the same message.id and requestId and output_tokens growing to the final count.
    private mutating func assistant(at clock: inout Int64, text: String, tool: (name: String, input: JSONValue)?) -> (id: String, uuid: String)? {
        let message = "msg_01" + random.base62(22)
        let request = "req_011C" + random.base62(20)
        let creation = random.int(150...4000)
        cacheRead += random.int(300...3000)
        let final = random.int(40...900)
        var blocks: [JSONValue] = [.object([("type", .string("text")), ("text", .string(text))])]
        let toolId = "toolu_01" + random.base62(22)
        if let tool {
            blocks.append(.object([("type", .string("tool_use")), ("id", .string(toolId)), ("name", .string(tool.name)), ("input", tool.input),
                                   ("caller", .object([("type", .string("direct"))]))]))
        }
        for (index, block) in blocks.enumerated() {
            let output = index == blocks.count - 1 ? final : random.int(5...12)
            record([
                ("message", .object([
                    ("model", .string(Developer.team.first { $0.checkout == context.cwd }?.model ?? "claude-opus-4-5-20251101")),
                    ("id", .string(message)), ("type", .string("message")), ("role", .string("assistant")), ("content", .array([block])),
                    ("stop_reason", .null), ("stop_sequence", .null),
                    ("usage", .object([
                        ("input_tokens", .int(3)), ("cache_creation_input_tokens", .int(creation)), ("cache_read_input_tokens", .int(cacheRead)),
                        ("cache_creation", .object([("ephemeral_5m_input_tokens", .int(creation)), ("ephemeral_1h_input_tokens", .int(0))])),
                        ("output_tokens", .int(output)), ("service_tier", .string("standard")),
                    ])),
                ])), ("requestId", .string(request)), ("type", .string("assistant")),
            ], at: clock)
            clock += Int64(random.int(300...1500))
        }
        return tool == nil ? nil : (toolId, parent ?? "")
    }

    private mutating func toolResult(_ tool: (id: String, uuid: String)?, content: String, result: JSONValue, at millis: Int64) {
        guard let tool else { return }
        record([
            ("type", .string("user")),
            ("message", .object([("role", .string("user")), ("content", .array([.object([
                ("tool_use_id", .string(tool.id)), ("type", .string("tool_result")), ("content", .string(content)), ("is_error", .bool(false)),
            ])]))])),
        ], at: millis, extra: [("toolUseResult", result), ("sourceToolAssistantUUID", .string(tool.uuid))])
    }

    /// A sub-agent transcript (`subagents/agent-<id>.jsonl`): sidechain records with the agent id.
    private mutating func subagentFile(agent: String, plan: SessionPlan, file: String, at millis: Int64) -> GeneratedFile {
        var records: [String] = []
        var previous: String?
        var clock = millis + 400
        let steps: [(String, JSONValue)] = [
            ("user", .object([("role", .string("user")), ("content", .string("Find where this is handled and list the files."))])),
            ("assistant", .object([("model", .string("claude-haiku-4-5-20251001")), ("id", .string("msg_01" + random.base62(22))), ("type", .string("message")),
                                   ("role", .string("assistant")), ("content", .array([.object([("type", .string("tool_use")), ("id", .string("toolu_01" + random.base62(22))),
                                   ("name", .string("Grep")), ("input", .object([("pattern", .string(TeamSimulation.display(file))), ("path", .string(context.cwd))]))])])),
                                   ("usage", .object([("input_tokens", .int(4)), ("cache_read_input_tokens", .int(9000)), ("output_tokens", .int(60))]))])),
            ("assistant", .object([("model", .string("claude-haiku-4-5-20251001")), ("id", .string("msg_01" + random.base62(22))), ("type", .string("message")),
                                   ("role", .string("assistant")), ("content", .array([.object([("type", .string("text")), ("text", .string("Relevant files: \(plan.files.joined(separator: ", "))"))])])),
                                   ("usage", .object([("input_tokens", .int(4)), ("cache_read_input_tokens", .int(9800)), ("output_tokens", .int(120))]))])),
        ]
        for step in steps {
            let id = random.uuid()
            records.append(JSONValue.object([
                ("parentUuid", .optional(previous)), ("isSidechain", .bool(true)), ("userType", .string("external")), ("cwd", .string(context.cwd)),
                ("sessionId", .string(context.session)), ("version", .string(context.version)), ("gitBranch", .string(context.branch)),
                ("agentId", .string(agent)), ("type", .string(step.0)), ("message", step.1), ("uuid", .string(id)),
                ("timestamp", .string(Format.isoMillis(clock))),
            ]).compact())
            previous = id
            clock += Int64(random.int(2000...9000))
        }
        return GeneratedFile("agent-\(agent).jsonl", text: records.joined(separator: "\n") + "\n")
    }
}
