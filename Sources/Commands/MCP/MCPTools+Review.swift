import Foundation
import Support

/// `review`: the AI-assisted work to review first, as `multiplier review` prints it.
extension MCPTools {
    func review(_ values: [String: JSONValue]) throws -> Answer {
        let arguments = try ToolArguments(
            values, tool: "review", allowed: ["since", "until", "repo", "branch", "range", "include_human", "limit"])
        var command = ["--format=json"] + (try Self.periodOptions(arguments))
        if let branch = try arguments.operand("branch") { command.append("--branch=" + branch) }
        if let range = try arguments.operand("range") { command.append("--range=" + range) }
        if try arguments.bool("include_human") == true { command.append("--include-human") }
        let limit = try arguments.integer("limit", in: 1...200) ?? 20
        let names = Self.periodNames.merging(["--branch": "branch", "--range": "range", "--include-human": "include_human"]) {
            first, _ in first
        }
        let report = try JSONValue.parse(
            Array(commands.run(ReviewCommand.definition, command, names: names).utf8), depthLimit: 64)
        let items = report["items"]?.array ?? []
        let shown = Array(items.prefix(limit))
        var text = "\(report["scope"]?.string ?? "review"): \(items.count) with findings"
            + (shown.count < items.count ? ", the riskiest \(shown.count):" : ":") + "\n"
        for item in shown {
            let findings = item["findings"]?.array ?? []
            text += "\(item["key"]?.string ?? "?") \(item["title"]?.string ?? "") (risk \(Format.fixed(item["risk"]?.number ?? 0, 1)))\n"
            for finding in findings.prefix(5) {
                let place = [finding["file"]?.string, finding["line"]?.number.map { "\(Int($0))" }].compactMap { $0 }
                    .joined(separator: ":")
                text += "  - \(finding["check"]?.string ?? "?")\(place.isEmpty ? "" : " at " + place): \(finding["reason"]?.string ?? "")\n"
            }
            if findings.count > 5 { text += "  - and \(findings.count - 5) more\n" }
        }
        var structured: [String: JSONValue] = [:]
        for key in ["scope", "reviewed", "aiReviewed", "notes"] { structured[key] = report[key] ?? .null }
        structured["items"] = .array(shown)
        structured["total"] = .number(Double(items.count))
        return Answer(structured: structured, text: text)
    }
}
