import Foundation

/// Writes the AI-assisted tasks' sessions in the assistants' real on-disk formats.
struct SessionWriters {
    private var random: Random
    /// Relative path → file contents.
    private(set) var files: [String: [UInt8]] = [:]

    init(seed: UInt64) { random = Random(seed: seed ^ 0x5E55) }

    static func iso(_ milliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Instants (ms) a few minutes apart through the first 75 minutes of the task's work:
    /// the assistant is used while the change is made, not for every hour of it.
    private mutating func moments(_ intervals: [(start: Int64, end: Int64)]) -> [Int64] {
        var times: [Int64] = []
        var budget: Int64 = 75 * 60_000
        for interval in intervals where budget > 0 {
            var time = interval.start * 1000 + Int64(random.int(5_000...60_000))
            let end = min(interval.end * 1000, interval.start * 1000 + budget)
            while time < end {
                times.append(time)
                time += Int64(random.int(120_000...420_000))
            }
            budget -= end - interval.start * 1000
        }
        return times
    }

    private static func encodedProject(_ cwd: String) -> String {
        String(cwd.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    private mutating func prompt(for task: PlannedTask, _ step: Int) -> String {
        let title = task.title.lowercased()
        return step == 0 ? "Please \(title). Keep the existing style and add tests where it makes sense."
            : random.pick(["That fails on empty input, can you fix it?", "Now \(title) for the edge cases too.",
                           "Run the tests and fix what breaks.", "Looks good, tidy it up and write the commit message."])
    }

    // MARK: - Claude Code

    mutating func claude(_ task: PlannedTask, paths: [String], developer: Catalog.Developer) -> String {
        let sessionID = random.uuid()
        let cwd = developer.checkout
        let times = moments(task.intervals)
        var lines: [String] = []
        var parent: Any = NSNull()
        var promptStep = 0
        var index = 0
        func envelope(_ type: String, _ time: Int64) -> [String: Any] {
            let uuid = random.uuid()
            defer { parent = uuid }
            return [
                "parentUuid": parent, "isSidechain": false, "userType": "external", "cwd": cwd, "sessionId": sessionID,
                "version": "2.1.39", "gitBranch": task.branch ?? "main", "type": type, "uuid": uuid,
                "timestamp": Self.iso(time),
            ]
        }
        while index < times.count {
            var user = envelope("user", times[index])
            user["message"] = ["role": "user", "content": prompt(for: task, promptStep)]
            lines.append(Self.json(user))
            promptStep += 1
            index += 1
            // One API response per step, written one line per content block with the same id and requestId.
            let steps = random.int(2...5)
            for _ in 0..<steps where index < times.count {
                let messageID = "msg_01" + random.hex(22)
                let requestID = "req_011" + random.hex(21)
                let input = random.int(2...40)
                let cacheWrite = random.int(200...9000)
                let cacheRead = random.int(5000...60_000)
                let path = cwd + "/" + random.pick(paths)
                let toolID = "toolu_01" + random.hex(22)
                for (block, output) in [(0, random.int(8...40)), (1, random.int(120...900))] {
                    var assistant = envelope("assistant", times[index] + Int64(block * 900))
                    let content: [String: Any] =
                        block == 0
                        ? ["type": "text", "text": "I'll update \(path.split(separator: "/").last ?? "")."]
                        : ["type": "tool_use", "id": toolID, "name": random.chance(0.8) ? "Edit" : "Write",
                           "input": ["file_path": path, "old_string": "", "new_string": "// change"]]
                    assistant["message"] = [
                        "model": "claude-opus-4-5", "id": messageID, "type": "message", "role": "assistant",
                        "content": [content], "stop_reason": NSNull(),
                        "usage": ["input_tokens": input, "cache_creation_input_tokens": cacheWrite,
                                  "cache_read_input_tokens": cacheRead, "output_tokens": output],
                    ]
                    assistant["requestId"] = requestID
                    lines.append(Self.json(assistant))
                }
                var result = envelope("user", times[index] + 2000)
                result["message"] = ["role": "user", "content": [["tool_use_id": toolID, "type": "tool_result", "content": "The file \(path) has been updated."]]]
                result["toolUseResult"] = ["filePath": path, "structuredPatch": [] as [Any], "userModified": false]
                lines.append(Self.json(result))
                index += 1
            }
            var duration = envelope("system", (index < times.count ? times[index] : times[times.count - 1]) - 1000)
            duration["subtype"] = "turn_duration"
            duration["durationMs"] = random.int(20_000...400_000)
            duration["isMeta"] = false
            lines.append(Self.json(duration))
        }
        let project = ".claude/projects/" + Self.encodedProject(cwd)
        let base = "machines/\(developer.login)/\(project)/\(sessionID)"
        files[base + ".jsonl"] = Array((lines.joined(separator: "\n") + "\n").utf8)
        if random.chance(0.2), times.count > 4 {
            // A sub-agent that explored the code in parallel (2.1.x layout).
            let agentID = random.hex(7)
            var sub: [String] = []
            for time in times.prefix(3) {
                sub.append(Self.json([
                    "parentUuid": NSNull(), "isSidechain": true, "userType": "external", "cwd": cwd, "sessionId": sessionID,
                    "version": "2.1.39", "gitBranch": task.branch ?? "main", "agentId": agentID, "type": "assistant",
                    "uuid": random.uuid(), "timestamp": Self.iso(time + 30_000), "requestId": "req_011" + random.hex(21),
                    "message": ["model": "claude-haiku-4-5", "id": "msg_01" + random.hex(22), "type": "message", "role": "assistant",
                                "content": [["type": "text", "text": "Found the relevant files."]],
                                "usage": ["input_tokens": 12, "cache_creation_input_tokens": 300, "cache_read_input_tokens": 4000, "output_tokens": 60]],
                ]))
            }
            files[base + "/subagents/agent-\(agentID).jsonl"] = Array((sub.joined(separator: "\n") + "\n").utf8)
        }
        return sessionID
    }

    // MARK: - Codex CLI

    mutating func codex(_ task: PlannedTask, paths: [String], developer: Catalog.Developer) -> String {
        let sessionID = random.uuid()
        let times = moments(task.intervals)
        guard let first = times.first else { return sessionID }
        var lines: [String] = []
        func record(_ time: Int64, _ type: String, _ payload: [String: Any]) {
            lines.append(Self.json(["timestamp": Self.iso(time), "type": type, "payload": payload]))
        }
        record(first - 200, "session_meta", [
            "id": sessionID, "timestamp": Self.iso(first - 200), "cwd": developer.checkout, "originator": "codex_cli_rs",
            "cli_version": "0.39.0", "instructions": NSNull(), "git": ["branch": task.branch ?? "main"],
        ])
        var total = (input: 0, cached: 0, output: 0)
        var step = 0
        for (offset, time) in times.enumerated() {
            if offset % 4 == 0 {
                let text = prompt(for: task, step)
                step += 1
                record(time, "response_item", ["type": "message", "role": "user", "content": [["type": "input_text", "text": text]]])
                record(time, "event_msg", ["type": "user_message", "message": text])
                record(time, "turn_context", ["cwd": developer.checkout, "approval_policy": "on-request", "model": "gpt-5-codex"])
                continue
            }
            let path = random.pick(paths)
            let patch = "*** Begin Patch\n*** Update File: \(path)\n@@\n+  // \(task.key)\n*** End Patch\n"
            let arguments = Self.json(["command": ["apply_patch", patch]])
            record(time, "response_item", ["type": "function_call", "name": "shell", "arguments": arguments, "call_id": "call_" + random.hex(24)])
            let last = (input: random.int(3000...30_000), cached: random.int(1000...20_000), output: random.int(100...1500))
            total = (total.input + last.input, total.cached + last.cached, total.output + last.output)
            let info: [String: Any] = [
                "total_token_usage": ["input_tokens": total.input, "cached_input_tokens": total.cached, "output_tokens": total.output, "total_tokens": total.input + total.output],
                "last_token_usage": ["input_tokens": last.input, "cached_input_tokens": last.cached, "output_tokens": last.output, "total_tokens": last.input + last.output],
            ]
            record(time + 500, "event_msg", ["type": "token_count", "info": info])
            // Codex repeats the same totals; a reader must not count them twice.
            record(time + 501, "event_msg", ["type": "token_count", "info": info])
        }
        let day = Self.iso(first).prefix(10).split(separator: "-")
        let stamp = Self.iso(first).prefix(19).replacingOccurrences(of: ":", with: "-")
        let path = "machines/\(developer.login)/.codex/sessions/\(day.joined(separator: "/"))/rollout-\(stamp)-\(sessionID).jsonl"
        files[path] = Array((lines.joined(separator: "\n") + "\n").utf8)
        return sessionID
    }

    // MARK: - Aider

    private var aiderHistory: [String: String] = [:]

    /// Appends one chat to the developer's `.aider.chat.history.md` (aider logs local time, without a zone).
    mutating func aider(_ task: PlannedTask, paths: [String], developer: Catalog.Developer) -> String {
        guard let start = task.intervals.first?.start else { return "" }
        let local = Date(timeIntervalSince1970: Double(start + Int64(developer.offset) * 60))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        let stamp = formatter.string(from: local)
        var text = "\n# aider chat started at \(stamp)\n\n> Aider v0.86.1\n> Main model: anthropic/claude-sonnet-4-5 with diff edit format\n> Git repo: .git with 212 files\n\n"
        for step in 0..<random.int(1...3) {
            text += "#### \(prompt(for: task, step))\n\n"
            let path = random.pick(paths)
            text += "I'll make the change in `\(path)`.\n\n> Tokens: \(random.int(3...30)).\(random.int(0...9))k sent, \(random.int(200...1800)) received.\n"
            text += "> Applied edit to \(path)\n\n"
        }
        let key = "machines/\(developer.login)/acme-shop/.aider.chat.history.md"
        aiderHistory[key, default: ""] += text
        files[key] = Array(aiderHistory[key, default: ""].utf8)
        return "aider:\(developer.login):\(stamp)"
    }
}
