import Classification
import Foundation
import Model
import Storage
import Support

/// `advise`: before a task, what the team's history says about its kind of work.
extension MCPTools {
    func advise(_ values: [String: JSONValue]) throws -> Answer {
        let arguments = try ToolArguments(values, tool: "advise", allowed: ["description", "paths", "repo"])
        let description = try arguments.string("description", required: true, limit: 20_000) ?? ""
        let paths = try arguments.strings("paths", limit: 1_000)
        let repo = try arguments.operand("repo")

        let names = ["--repo": "repo"]
        let (context, _) = try commands.context(TasksCommand.definition.spec, [], names: names)
        let database = try context.openDatabase()
        let classifier = Classifier(config: try TaskBuilding.config(context, database: database))
        let classification = classifier.classify(TaskTraits(files: paths, subjects: [description]))
        let category = classification.category

        // The measured figures are the retro's, over the same tasks `speedup` sees.
        let retro = try JSONValue.parse(
            Array(
                commands.run(ReportCommand.definition, ["retro", "--format=json"] + (repo.map { ["--repo=" + $0] } ?? []), names: names)
                    .utf8))
        let measured = retro["categories"]?.array?.first { $0["category"] == .string(category.rawValue) } ?? .null
        let zone = retro["zones"]?.array?.first { $0["zone"] == .string(category.zone.rawValue) } ?? .null

        var tasks = try TaskBuilding.tasks(context, database: database).filter { !$0.bot && $0.category == category }
        if let repo {
            // As the retro above scopes it: the repository and the other checkouts of its history.
            let repositories = try CommitStore(database: database).repositories()
            let repository = try context.repository(repo, among: repositories, command: "mcp")
            let roots = try context.checkouts(of: repository, among: repositories, database: database)
            tasks = tasks.filter { roots.contains($0.repository) }
        }
        let review: JSONValue = .object([
            "ai": Self.reviewFigures(tasks.filter(\.ai), measured: measured, side: "AI"),
            "human": Self.reviewFigures(tasks.filter { !$0.ai }, measured: measured, side: "Human"),
        ])
        let reading = Self.reading(category: category, measured: measured)
        let structured: [String: JSONValue] = [
            "category": .string(category.rawValue), "zone": .string(category.zone.rawValue),
            "confidence": .number(TasksCommand.rounded(classification.confidence)),
            // Weights to 4 decimals, as the retro's figures are rounded.
            "evidence": try JSONValue(encoding: classification.evidence.map { item in
                var item = item
                item.weight = (item.weight * 10_000).rounded() / 10_000
                return item
            }),
            "measured": measured, "zoneMeasured": zone, "review": review, "reading": .string(reading),
        ]
        return Answer(structured: structured, text: Self.adviceText(structured))
    }

    /// What review found on a category's tasks of one side: pull requests, rounds, change
    /// requests and comments from the stored reviews; rework and churn from the retro's figures.
    static func reviewFigures(_ tasks: [WorkTask], measured: JSONValue, side: String) -> JSONValue {
        let reviewed = tasks.filter { $0.pullRequest != nil }
        func mean(_ value: (WorkTask) -> Int?) -> JSONValue {
            let values = reviewed.compactMap(value)
            guard !values.isEmpty else { return .null }
            return .number(TasksCommand.rounded(Double(values.reduce(0, +)) / Double(values.count)))
        }
        return .object([
            "tasks": .number(Double(tasks.count)), "pullRequests": .number(Double(reviewed.count)),
            "meanReviewRounds": mean(\.reviewRounds), "meanChangeRequests": mean(\.changeRequests),
            "meanReviewComments": mean(\.reviewComments),
            "reworkShare": measured["reworkShare\(side)"] ?? .null, "churn": measured["churn\(side)"] ?? .null,
        ])
    }

    /// One sentence from the measured interval: nothing beyond what the figures say.
    static func reading(category: Model.Category, measured: JSONValue) -> String {
        let name = category.rawValue
        guard let ratio = measured["ratio"]?.number, let low = measured["ratioLow"]?.number, let high = measured["ratioHigh"]?.number
        else {
            return "The team has too few \(name) tasks (AI and human) to measure a ratio; "
                + "the \(category.zone.rawValue) zone's figure is the nearest guide."
        }
        let interval = "\(Format.fixed(ratio, 2)) [\(Format.fixed(low, 2)), \(Format.fixed(high, 2))]"
        if high < 1 { return "On \(name) tasks AI has paid off here: AI-assisted tasks took \(interval) of the human effort." }
        if low > 1 { return "On \(name) tasks AI has cost time here: AI-assisted tasks took \(interval) of the human effort." }
        return "On \(name) tasks the team's history shows no clear difference: "
            + "AI/human effort \(interval), an interval that includes 1."
    }

    static func adviceText(_ advice: [String: JSONValue]) -> String {
        var text = "likely category: \(advice["category"]?.string ?? "?") (\(advice["zone"]?.string ?? "?") zone), "
            + "confidence \(Format.fixed(advice["confidence"]?.number ?? 0, 2))\n"
        text += (advice["reading"]?.string ?? "") + "\n"
        for side in ["ai", "human"] {
            guard let figures = advice["review"]?[side] else { continue }
            var line = "review of its \(side == "ai" ? "AI" : "human") tasks: \(Int(figures["tasks"]?.number ?? 0)) tasks, "
                + "\(Int(figures["pullRequests"]?.number ?? 0)) pull requests"
            if let rounds = figures["meanReviewRounds"]?.number {
                line += "; per pull request \(Format.fixed(rounds, 1)) review rounds"
            }
            if let requests = figures["meanChangeRequests"]?.number { line += ", \(Format.fixed(requests, 1)) change requests" }
            if let comments = figures["meanReviewComments"]?.number { line += ", \(Format.fixed(comments, 1)) comments" }
            if let rework = figures["reworkShare"]?.number { line += "; rework share \(Format.fixed(rework * 100, 0))%" }
            if let churn = figures["churn"]?.number { line += ", churn \(Format.fixed(churn * 100, 0))%" }
            text += line + "\n"
        }
        return text
    }
}
