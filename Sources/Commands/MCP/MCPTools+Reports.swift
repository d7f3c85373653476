import Foundation
import Storage
import Support

/// `speedup`, `tasks` and `explain_task`: the retro's figures and the task list, as the commands print them.
extension MCPTools {
    func speedup(_ values: [String: JSONValue]) throws -> Answer {
        let arguments = try ToolArguments(
            values, tool: "speedup", allowed: ["since", "until", "repo", "paths", "exclude", "team"])
        var command = ["retro", "--format=json"]
        command += try Self.periodOptions(arguments)
        command += try arguments.strings("paths").map { "--paths=" + $0 }
        command += try arguments.strings("exclude").map { "--exclude=" + $0 }
        if try arguments.bool("team") == true { command.append("--team") }
        let names = Self.periodNames.merging(["--paths": "paths", "--exclude": "exclude", "--team": "team"]) { first, _ in first }
        let retro = try JSONValue.parse(
            Array(commands.run(ReportCommand.definition, command, names: names).utf8), depthLimit: 64)
        var structured: [String: JSONValue] = [:]
        for key in ["period", "counts", "categories", "zones", "endToEnd"] { structured[key] = retro[key] ?? .null }
        return Answer(structured: structured, text: Self.speedupText(retro))
    }

    func tasks(_ values: [String: JSONValue]) throws -> Answer {
        let arguments = try ToolArguments(
            values, tool: "tasks", allowed: ["since", "until", "repo", "category", "zone", "ai", "bots", "team", "limit"])
        var command = ["--format=json"] + (try Self.periodOptions(arguments))
        if let category = try arguments.string("category") { command.append("--category=" + category) }
        if let zone = try arguments.string("zone") { command.append("--zone=" + zone) }
        if let ai = try arguments.bool("ai") { command.append(ai ? "--ai" : "--human") }
        if try arguments.bool("bots") == true { command.append("--bots") }
        if try arguments.bool("team") == true { command.append("--team") }
        let limit = try arguments.integer("limit", in: 1...500) ?? 50
        // The entries `tasks --format json` prints, of the newest `limit` only: encoding every task of
        // a long history to keep fifty took seconds a call.
        let names = Self.periodNames.merging([
            "--category": "category", "--zone": "zone", "--ai": "ai", "--human": "ai", "--bots": "bots", "--team": "team",
        ]) { first, _ in first }
        let (context, _) = try commands.context(TasksCommand.definition.spec, command, names: names)
        let all = try TasksCommand.selected(context).selected
        let shown = try all.suffix(limit).map { try JSONValue(encoding: TasksCommand.entry($0)) }
        var text = "\(all.count) tasks" + (shown.count < all.count ? ", the newest \(shown.count):" : ":") + "\n"
        for task in shown {
            let ai = task["ai"] == .bool(true) ? "AI" : "human"
            text += "\(task["id"]?.string ?? "?")  \(task["category"]?.string ?? "?")  \(ai)  "
                + "\(Format.fixed(task["effortHours"]?.number ?? 0, 1)) h  \(task["title"]?.string ?? "")\n"
        }
        return Answer(
            structured: ["total": .number(Double(all.count)), "returned": .number(Double(shown.count)), "tasks": .array(shown)],
            text: text)
    }

    func explainTask(_ values: [String: JSONValue]) throws -> Answer {
        let arguments = try ToolArguments(values, tool: "explain_task", allowed: ["task"])
        let argument = try arguments.string("task", required: true) ?? ""
        let (context, _) = try commands.context(TasksCommand.definition.spec, [])
        let database = try context.openDatabase()
        let task = try TaskBuilding.find(
            argument, in: try TaskBuilding.tasks(context, database: database), command: "tasks", listedBy: "the tasks tool")
        let explanation = TasksCommand.explain(task, workflows: try SessionStore(database: database).workflows())
        return Answer(
            structured: [
                "task": try JSONValue(encoding: TasksCommand.entry(task)), "evidence": try JSONValue(encoding: task.evidence),
                "explanation": .string(explanation),
            ],
            text: explanation)
    }

    /// The options `periodOptions` passes, by the argument each comes from.
    static let periodNames = ["--since": "since", "--until": "until", "--repo": "repo"]

    /// `since`, `until` and `repo` as the commands' options.
    static func periodOptions(_ arguments: ToolArguments) throws -> [String] {
        var options: [String] = []
        if let since = try arguments.operand("since") { options.append("--since=" + since) }
        if let until = try arguments.operand("until") { options.append("--until=" + until) }
        if let repo = try arguments.operand("repo") { options.append("--repo=" + repo) }
        return options
    }

    /// A few lines: the end-to-end ratio, then each category's and zone's.
    static func speedupText(_ retro: JSONValue) -> String {
        func ratio(_ figures: JSONValue) -> String {
            guard let ratio = figures["ratio"]?.number, let low = figures["ratioLow"]?.number, let high = figures["ratioHigh"]?.number
            else { return "too few tasks to measure" }
            return "\(Format.fixed(ratio, 2)) [\(Format.fixed(low, 2)), \(Format.fixed(high, 2))]"
        }
        func counts(_ figures: JSONValue) -> String {
            "\(Int(figures["nAI"]?.number ?? 0)) AI / \(Int(figures["nHuman"]?.number ?? 0)) human tasks"
        }
        let totals = retro["counts"]
        var text = "AI/human effort ratio with its 95% interval (below 1: AI-assisted tasks took less effort), "
            + "\(Int(totals?["tasks"]?.number ?? 0)) tasks\n"
        text += "end to end: \(retro["endToEnd"].map(ratio) ?? "too few tasks to measure")\n"
        for zone in retro["zones"]?.array ?? [] {
            text += "\(zone["zone"]?.string ?? "?") zone: \(ratio(zone)), \(counts(zone))\n"
        }
        for category in retro["categories"]?.array ?? [] {
            let name = "\(category["category"]?.string ?? "?") (\(category["zone"]?.string ?? "?"))"
            text += "  \(name): \(ratio(category)), \(counts(category))\n"
        }
        return text
    }
}
