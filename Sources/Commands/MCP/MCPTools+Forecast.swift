import Analysis
import Classification
import Foundation
import Support

/// `forecast`: a small backlog given inline, through `multiplier plan`'s reader and forecaster.
extension MCPTools {
    func forecast(_ values: [String: JSONValue]) throws -> Answer {
        let arguments = try ToolArguments(values, tool: "forecast", allowed: ["backlog", "capacity_hours", "runs", "seed"])
        var rows = [CSV.row(["id", "title", "category", "estimate_hours", "ai"])]
        for (index, item) in try arguments.objects("backlog", limit: 200).enumerated() {
            do {
                let task = try ToolArguments(
                    item, tool: "a backlog entry", allowed: ["id", "title", "category", "estimate_hours", "ai"])
                guard let estimate = try task.number("estimate_hours", in: 0...BacklogItem.maximumEstimateHours), estimate > 0 else {
                    throw ToolArguments.Mistake(description: "'estimate_hours' must be a number of hours above 0")
                }
                // Read back by the plan's reader, not opened by a person: the entries as they are.
                rows.append(
                    CSV.row(
                        [
                            try task.string("id", required: true) ?? "", try task.string("title") ?? "",
                            try task.string("category") ?? "", "\(estimate)", try task.string("ai") ?? "auto",
                        ], keepingFormulas: true))
            } catch {
                throw ToolArguments.Mistake(description: "backlog[\(index)]: \(error)")
            }
        }
        var options = ["--format=json"]
        if let capacity = try arguments.number("capacity_hours", in: ForecastModel.capacityRange) { options.append("--capacity=\(capacity)") }
        options.append("--runs=\(try arguments.integer("runs", in: 1...20_000) ?? 10_000)")
        if let seed = try arguments.integer("seed", in: 0...Int(Int32.max)) { options.append("--seed=\(seed)") }

        let (context, output) = try commands.context(PlanCommand.definition.spec, options)
        let database = try context.openDatabase()
        let config = try TaskBuilding.config(context, database: database)
        // CSV lines: line 2 is backlog[0].
        let backlog = try PlanCommand.backlog(
            rows.joined(), source: "backlog (line 2 is backlog[0])", classifier: Classifier(config: config))
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
        var text = "\(Int(forecast["tasks"]?.number ?? 0)) tasks at \(Format.fixed(forecast["capacityHoursPerWeek"]?.number ?? 0, 0)) "
            + "hours a week (\(forecast["capacitySource"]?.string ?? "")), \(Int(forecast["runs"]?.number ?? 0)) runs\n"
        text += line("with AI", forecast["withAI"])
        text += line("all human", forecast["allHuman"])
        for category in forecast["categories"]?.array ?? [] {
            text += "  \(category["category"]?.string ?? "?"): \(Int(category["tasks"]?.number ?? 0)) tasks, "
                + "expected \(Format.fixed(category["expectedHoursWithAI"]?.number ?? 0, 1)) h with AI against "
                + "\(Format.fixed(category["expectedHoursAllHuman"]?.number ?? 0, 1)) h all human\n"
        }
        return text
    }
}
