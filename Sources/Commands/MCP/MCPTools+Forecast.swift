import Analysis
import Classification
import Foundation
import Support

/// `forecast`: a small backlog given inline, checked and forecast as `multiplier plan` does a CSV backlog.
extension MCPTools {
    func forecast(_ values: [String: JSONValue]) throws -> Answer {
        let arguments = try ToolArguments(values, tool: "forecast", allowed: ["backlog", "capacity_hours", "runs", "seed"])
        // Each entry as the plan's CSV reader makes it, then checked by the same code; a mistake names
        // its JSON position (`backlog[1].id`).
        var entries: [PlanCommand.Entry] = []
        for (index, item) in try arguments.objects("backlog", limit: 200).enumerated() {
            let entry = try ToolArguments(
                item, tool: "forecast", path: "backlog[\(index)]", allowed: ["id", "title", "category", "estimate_hours", "ai"])
            let id = try entry.string("id", required: true) ?? ""
            guard let estimate = try entry.number("estimate_hours", in: nil) else {
                throw ToolArguments.Mistake(description: "backlog[\(index)] needs 'estimate_hours', a number of hours above 0")
            }
            entries.append(
                PlanCommand.Entry(
                    id: id, title: try entry.string("title") ?? "", category: try entry.string("category") ?? "", estimate: estimate,
                    estimateText: JSONValue.number(estimate).text, ai: try entry.string("ai") ?? ""))
        }
        var options = ["--format=json"]
        if let capacity = try arguments.number("capacity_hours", in: ForecastModel.capacityRange) { options.append("--capacity=\(capacity)") }
        options.append("--runs=\(try arguments.integer("runs", in: 1...20_000) ?? 10_000)")
        if let seed = try arguments.integer("seed", in: 0...Int(Int32.max)) { options.append("--seed=\(seed)") }

        let names = ["--capacity": "capacity_hours", "--runs": "runs", "--seed": "seed"]
        let (context, output) = try commands.context(PlanCommand.definition.spec, options, names: names)
        let database = try context.openDatabase()
        let config = try TaskBuilding.config(context, database: database)
        let backlog: [BacklogItem]
        do {
            backlog = try PlanCommand.items(entries, classifier: Classifier(config: config))
        } catch {
            throw ToolArguments.Mistake(description: error.description(at: .argument("backlog")))
        }
        try PlanCommand.forecast(
            backlog, file: "backlog", history: try TaskBuilding.tasks(context, database: database), config: config, format: "json",
            context)
        guard case .object(let forecast) = try JSONValue.parse(Array(output.text.utf8)) else {
            throw CommandError.badData("the forecast is not a JSON object")
        }
        return Answer(structured: forecast, text: Self.forecastText(.object(forecast)))
    }

    static func forecastText(_ forecast: JSONValue) -> String {
        func line(_ name: String, _ percentiles: JSONValue?) -> String {
            let hours = ["p50Hours", "p80Hours", "p95Hours"].map { Format.fixed(percentiles?[$0]?.number ?? 0, 0) }
            let weeks = ["p50Weeks", "p80Weeks", "p95Weeks"].map { Format.fixed(percentiles?[$0]?.number ?? 0, 1) }
            return "\(name): P50/P80/P95 \(hours.joined(separator: "/")) hours, \(weeks.joined(separator: "/")) weeks\n"
        }
        let count = Int(forecast["tasks"]?.number ?? 0)
        let capacity = Format.fixed(forecast["capacityHoursPerWeek"]?.number ?? 0, 0)
        var text = "\(count) task\(count == 1 ? "" : "s") at \(capacity) hour\(capacity == "1" ? "" : "s") a week "
            + "(\(forecast["capacitySource"]?.string ?? "")), \(Int(forecast["runs"]?.number ?? 0)) runs\n"
        text += line("with AI", forecast["withAI"])
        text += line("all human", forecast["allHuman"])
        for category in forecast["categories"]?.array ?? [] {
            let tasks = Int(category["tasks"]?.number ?? 0)
            text += "  \(category["category"]?.string ?? "?"): \(tasks) task\(tasks == 1 ? "" : "s"), "
                + "expected \(Format.fixed(category["expectedHoursWithAI"]?.number ?? 0, 1)) h with AI against "
                + "\(Format.fixed(category["expectedHoursAllHuman"]?.number ?? 0, 1)) h all human\n"
        }
        return text
    }
}
