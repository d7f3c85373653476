import Analysis
import Model
import Support

/// The tools `multiplier mcp` offers: their schemas, and `tools/call`.
///
/// Each answers with `structuredContent` (JSON, described by its `outputSchema`) and a short
/// text rendering of it; a failure of the tool itself is a result with `isError`.
struct MCPTools {
    let commands: EmbeddedCommand

    /// What a tool returns: its structured result and the text beside it.
    struct Answer {
        var structured: [String: JSONValue]
        var text: String
    }

    /// The answer to `tools/call`.
    func call(_ params: [String: JSONValue]) throws(JSONRPC.Failure) -> JSONValue {
        guard case .string(let name)? = params["name"] else {
            throw JSONRPC.Failure(.invalidParams, "'tools/call' needs params.name, one of: \(Self.names.joined(separator: ", "))")
        }
        let arguments: [String: JSONValue]
        switch params["arguments"] {
        case nil, .null?: arguments = [:]
        case .object(let members)?: arguments = members
        case let other?: throw JSONRPC.Failure(.invalidParams, "params.arguments must be an object, not \(other.kindName)")
        }
        let answer: Answer
        do {
            switch name {
            case "speedup": answer = try speedup(arguments)
            case "advise": answer = try advise(arguments)
            case "tasks": answer = try tasks(arguments)
            case "explain_task": answer = try explainTask(arguments)
            case "forecast": answer = try forecast(arguments)
            case "review": answer = try review(arguments)
            default:
                let suggestion = EditDistance.nearest(to: name, among: Self.names).map { " (did you mean '\($0)'?)" } ?? ""
                throw JSONRPC.Failure(
                    .invalidParams, "unknown tool '\(name.prefix(80))'\(suggestion); tools: \(Self.names.joined(separator: ", "))")
            }
        } catch let failure as JSONRPC.Failure {
            throw failure
        } catch {
            let message = (error as? ToolArguments.Mistake)?.description ?? ExitCode.classify(error).1
            commands.log("mcp: \(name): \(message)")
            return .object(["content": .array([Self.text(message)]), "isError": .bool(true)])
        }
        return .object([
            "content": .array([Self.text(answer.text)]), "structuredContent": .object(answer.structured), "isError": .bool(false),
        ])
    }

    static let names = ["advise", "explain_task", "forecast", "review", "speedup", "tasks"]

    /// `tools/list`.
    var definitions: [JSONValue] {
        let categories = JSONValue.array(Category.allCases.map { .string($0.rawValue) })
        let period: [String: JSONValue] = [
            "since": Self.string("a date (2026-11-02), an instant (2026-11-02T09:30:00Z), or for speedup a git ref or 2.weeks.ago"),
            "until": Self.string("the same forms: tasks that ended before it"),
            "repo": Self.string("one ingested repository, by name or root path (default: all)"),
        ]
        let figures = Self.object(["type": .string("array")])
        return [
            Self.tool(
                "speedup", title: "Measured AI speedup per category and zone",
                description: """
                    The team's AI/human effort ratio (below 1: AI-assisted tasks took less effort) per category of work and \
                    per zone, with 95% bootstrap intervals, from the team's own history — what 'multiplier report retro' shows.
                    """,
                input: period.merging([
                    "paths": Self.strings("only these files count (gitignore-style globs)"),
                    "exclude": Self.strings("these files do not count (globs)"),
                    "team": Self.boolean("include sessions merged from teammates' exports"),
                ]) { first, _ in first },
                output: [
                    "period": Self.object(), "counts": Self.object(), "categories": figures, "zones": figures,
                    "endToEnd": Self.object(),
                ]),
            Self.tool(
                "advise", title: "Does AI pay off for this task here?",
                description: """
                    For a task about to start: its likely category (with the classifier's confidence and evidence), the team's \
                    measured AI/human effort ratio and interval in that category, and what review usually finds there \
                    (review rounds, change requests, rework and churn of the category's AI and human tasks).
                    """,
                input: [
                    "description": Self.string("what the task is, e.g. its issue title or a commit subject"),
                    "paths": Self.strings("files the task will probably touch"),
                    "repo": Self.string("one ingested repository, by name or root path (default: all)"),
                ], required: ["description"],
                output: ["category": Self.object(["type": .string("string")]), "confidence": Self.object(["type": .string("number")]),
                    "measured": Self.object(["type": .array([.string("object"), .string("null")])]), "review": Self.object(),
                    "reading": Self.object(["type": .string("string")])]),
            Self.tool(
                "tasks", title: "List tasks",
                description: "Tasks built from commits and sessions, newest last, with category, zone, AI assistance and effort "
                    + "— 'multiplier tasks'.",
                input: period.merging([
                    "category": Self.object(["type": .string("string"), "enum": categories]),
                    "zone": Self.object(["type": .string("string"), "enum": .array(Zone.allCases.map { .string($0.rawValue) })]),
                    "ai": Self.boolean("true: only AI-assisted tasks; false: only tasks without AI"),
                    "bots": Self.boolean("include tasks bots made"),
                    "team": Self.boolean("include sessions merged from teammates' exports, as speedup's team does"),
                    "limit": Self.object(["type": .string("integer"), "minimum": .number(1), "maximum": .number(500),
                        "description": .string("at most this many, the newest (default 50)")]),
                ]) { first, _ in first },
                output: ["total": Self.object(["type": .string("integer")]), "returned": Self.object(["type": .string("integer")]),
                    "tasks": figures]),
            Self.tool(
                "explain_task", title: "Why a task was grouped, attributed and classified as it was",
                description: "Every decision about one task with its evidence — 'multiplier tasks --explain'.",
                input: ["task": Self.string("a task id, an id prefix of 4+ characters, or its key (issue key, PR number)")],
                required: ["task"],
                output: ["task": Self.object(), "evidence": figures, "explanation": Self.object(["type": .string("string")])]),
            Self.tool(
                "forecast", title: "Forecast a small backlog with and without AI",
                description: """
                    Monte Carlo forecast of a backlog's hours and weeks with AI and all-human, from the team's history — \
                    'multiplier plan'. A task without a category is classified from its title.
                    """,
                input: [
                    "backlog": Self.object([
                        "type": .string("array"), "minItems": .number(1), "maxItems": .number(200),
                        "items": Self.schema(
                            [
                                "id": Self.string("the task's id"), "title": Self.string("its title"),
                                "category": Self.object(["type": .string("string"), "enum": categories]),
                                "estimate_hours": Self.object([
                                    "type": .string("number"), "exclusiveMinimum": .number(0),
                                    "maximum": .number(BacklogItem.maximumEstimateHours),
                                ]),
                                "ai": Self.object([
                                    "type": .string("string"), "enum": .array(["yes", "no", "auto"].map { .string($0) }),
                                ]),
                            ], required: ["id", "title", "estimate_hours"]),
                    ]),
                    "capacity_hours": Self.object(["type": .string("number"), "minimum": .number(ForecastModel.capacityRange.lowerBound),
                        "maximum": .number(ForecastModel.capacityRange.upperBound),
                        "description": .string("team hours per week (default: the team's recent weekly effort)")]),
                    "runs": Self.object(["type": .string("integer"), "minimum": .number(1), "maximum": .number(20000)]),
                    "seed": Self.object(["type": .string("integer"), "minimum": .number(0)]),
                ], required: ["backlog"],
                output: ["withAI": Self.object(), "allHuman": Self.object(), "categories": figures]),
            Self.tool(
                "review", title: "What AI-assisted work to review first, and why",
                description: """
                    The AI-assisted tasks of a period (default: the last four weeks), or the commits of a branch or \
                    range not yet merged, ranked by risk, with the findings of a reviewer's checklist for generated code \
                    (weak-zone work, new and unknown dependencies, a second way of doing a thing, over-engineering, \
                    security blind spots), each with its commit, file, line and a one-line reason — 'multiplier review'. \
                    Reads only what is cached or in git; writes nothing.
                    """,
                input: period.merging([
                    "branch": Self.string("review the commits of this branch that are not on the default branch"),
                    "range": Self.string("review the commits in A..B"),
                    "include_human": Self.boolean("also review tasks without AI assistance"),
                    "limit": Self.object(["type": .string("integer"), "minimum": .number(1), "maximum": .number(200),
                        "description": .string("at most this many, the riskiest (default 20)")]),
                ]) { first, _ in first },
                output: ["scope": Self.object(["type": .string("string")]), "reviewed": Self.object(["type": .string("integer")]),
                    "total": Self.object(["type": .string("integer")]), "items": figures]),
        ]
    }

    // MARK: - Schema pieces

    static func text(_ text: String) -> JSONValue { .object(["type": .string("text"), "text": .string(text)]) }

    private static func tool(
        _ name: String, title: String, description: String, input: [String: JSONValue], required: [String] = [],
        output: [String: JSONValue]
    ) -> JSONValue {
        .object([
            "name": .string(name), "title": .string(title), "description": .string(description),
            "inputSchema": schema(input, required: required),
            "outputSchema": schema(output, required: output.keys.sorted(), closed: false),
            "annotations": .object(["readOnlyHint": .bool(true), "openWorldHint": .bool(false)]),
        ])
    }

    private static func schema(_ properties: [String: JSONValue], required: [String] = [], closed: Bool = true) -> JSONValue {
        var schema: [String: JSONValue] = ["type": .string("object"), "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        if closed { schema["additionalProperties"] = .bool(false) }
        return .object(schema)
    }

    private static func object(_ members: [String: JSONValue] = ["type": .string("object")]) -> JSONValue { .object(members) }
    private static func string(_ description: String) -> JSONValue {
        .object(["type": .string("string"), "description": .string(description)])
    }
    private static func strings(_ description: String) -> JSONValue {
        .object(["type": .string("array"), "items": .object(["type": .string("string")]), "description": .string(description)])
    }
    private static func boolean(_ description: String) -> JSONValue {
        .object(["type": .string("boolean"), "description": .string(description)])
    }
}
