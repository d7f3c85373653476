import Analysis
import Foundation
import Support

/// The resources `multiplier mcp` offers: the reports as Markdown, rendered from the database
/// when read, and the method (Sources/METHOD.md, shipped beside the binary).
struct MCPResources {
    let commands: EmbeddedCommand

    private static let entries: [(uri: String, name: String, title: String, description: String)] = [
        ("multiplier://reports/retro", "retro", "Retrospective",
         "The retrospective of the whole history: speedups per category and zone, review, churn, calibration"),
        ("multiplier://reports/weekly", "weekly", "Weekly report",
         "The last complete ISO week (or, when the history ends before it, the history's last complete week with finished tasks): "
            + "tasks, AI share, hours saved"),
        ("multiplier://reports/practices", "practices", "Ways of working",
         "Plan-first against code-first AI-assisted tasks, and before against after each substantial change of a "
            + "context file (CLAUDE.md, AGENTS.md, …): effort ratio, rework, churn, review rounds, with intervals or 'cannot tell'"),
        ("multiplier://method", "method", "The method",
         "How every figure is defined and computed (METHOD.md): tasks, effort, categories, ratios, intervals"),
    ]

    /// `resources/list`.
    var list: [JSONValue] {
        Self.entries.map { entry in
            .object([
                "uri": .string(entry.uri), "name": .string(entry.name), "title": .string(entry.title),
                "description": .string(entry.description), "mimeType": .string("text/markdown"),
            ])
        }
    }

    /// `resources/read`.
    func read(_ params: [String: JSONValue]) throws(JSONRPC.Failure) -> JSONValue {
        guard case .string(let uri)? = params["uri"] else {
            throw JSONRPC.Failure(.invalidParams, "'resources/read' needs params.uri, a string; 'resources/list' lists them")
        }
        let text: String
        do {
            switch uri {
            case "multiplier://reports/retro": text = try commands.run(ReportCommand.definition, ["retro", "--format=markdown"])
            case "multiplier://reports/weekly":
                text = try commands.run(ReportCommand.definition, ["weekly", "--format=markdown", "--week=\(try latestWeek())"])
            case "multiplier://reports/practices": text = try commands.run(ReportCommand.definition, ["practices", "--format=markdown"])
            case "multiplier://method": text = try Self.method()
            default:
                throw JSONRPC.Failure(
                    .resourceNotFound,
                    "no resource '\(uri.prefix(200))'; resources: \(Self.entries.map(\.uri).joined(separator: ", "))")
            }
        } catch let failure as JSONRPC.Failure {
            throw failure
        } catch {
            commands.log("mcp: \(uri): \(ExitCode.classify(error).1)")
            throw JSONRPC.Failure(.internalError, "cannot render \(uri): \(ExitCode.classify(error).1)")
        }
        return .object([
            "contents": .array([.object(["uri": .string(uri), "mimeType": .string("text/markdown"), "text": .string(text)])])
        ])
    }

    /// The last complete week, or, when the history ends before it, the history's last complete week with
    /// finished tasks (`ReportCommand.latestWholeWeek`: the week `report weekly` names and the demo shows).
    func latestWeek() throws -> ISOWeek {
        let now = Int64(Date().timeIntervalSince1970)
        let (context, _) = try commands.context(TasksCommand.definition.spec, [])
        let tasks = try TaskBuilding.tasks(context, database: try context.openDatabase())
        return ReportCommand.latestWholeWeek(tasks, now: now) ?? ISOWeek.lastComplete(before: now)
    }

    /// METHOD.md from the resource bundle beside the binary (SwiftPM copies it there), else from the
    /// source tree this binary was built from. `Bundle.module` is not used: it traps when the bundle is missing.
    static func method() throws -> String {
        let bundle = Bundle.main.bundleURL.appendingPathComponent("Multiplier_Commands.resources/METHOD.md").path
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("METHOD.md").path
        for path in [bundle, source] {
            if let data = FileManager.default.contents(atPath: path) { return String(decoding: data, as: UTF8.self) }
        }
        throw CommandError.missingInput(
            "METHOD.md is not installed: copy Multiplier_Commands.resources from the build folder next to the multiplier binary")
    }
}
