import Review
import Support

extension ReportBuilders {
    /// `multiplier review`: the ranked tasks, then each one's findings with evidence and a reason.
    package static func review(_ report: ReviewReport) -> ReportDocument {
        let ai = report.items.filter(\.ai).count
        var document = ReportDocument(
            title: "Review these first",
            subtitle: "\(report.scope): \(report.reviewed) read (\(report.aiReviewed) AI-assisted), \(report.items.count) with findings"
                + (report.items.isEmpty ? "." : " (\(ai) AI-assisted), riskiest first."))
        // Nothing found: one sentence, not an empty table, a legend for it and another empty table
        // (the tables stay, empty, for CSV's headers).
        if report.items.isEmpty {
            document.blocks.append(
                .paragraph(
                    report.reviewed == 0
                        ? "Nothing to review: no task read."
                        : "Nothing to review first: no finding in the \(report.reviewed) task\(report.reviewed == 1 ? "" : "s") read."))
        }
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "tasks",
                    columns: [
                        ("rank", .right), ("id", .left), ("key", .left), ("risk", .right), ("AI", .left), ("category", .left),
                        ("checks", .left), ("title", .left),
                    ],
                    rows: report.items.enumerated().map { index, item in
                        [
                            "\(index + 1)", item.id, item.key, Format.fixed(item.risk, 1), item.ai ? "yes" : "no", item.category,
                            item.checks.map(\.rawValue).joined(separator: ", "), item.title,
                        ]
                    },
                    note: "Risk: the sum of the findings' weights (a provider's key 6, another secret 4, other security and "
                        + "unknown import 3, weak zone and new dependency 2, the rest 1-1.5; a rule counts at most three times; "
                        + "ties: the later task first).", quietWhenEmpty: true)))
        for (index, item) in report.items.enumerated() {
            document.blocks.append(.heading("\(index + 1). \(item.key) \(item.title)"))
            document.blocks.append(
                .paragraph(
                    "\(item.id), \(item.author), \(item.ai ? "AI-assisted" : "human"), \(item.category), risk \(Format.fixed(item.risk, 1))."))
            document.blocks.append(.list(item.findings.map(line)))
        }
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "findings",
                    columns: [
                        ("id", .left), ("key", .left), ("check", .left), ("rule", .left), ("commit", .left), ("file", .left),
                        ("line", .right), ("evidence", .left), ("reason", .left),
                    ],
                    rows: report.items.flatMap { item in
                        item.findings.map { finding in
                            [
                                item.id, item.key, finding.check.rawValue, finding.rule, finding.commit.map { String($0.prefix(10)) } ?? "",
                                finding.file ?? "", finding.line.map(String.init) ?? "", finding.evidence, finding.reason,
                            ]
                        }
                    }, quietWhenEmpty: true)))
        if !report.notes.isEmpty {
            document.blocks.append(.heading("Not read in full"))
            document.blocks.append(.list(report.notes))
        }
        return document
    }

    /// One finding as a list item: where, why, and the text that triggered it.
    static func line(_ finding: Finding) -> String {
        var place = finding.commit.map { String($0.prefix(10)) } ?? ""
        if let file = finding.file { place += (place.isEmpty ? "" : " ") + file + (finding.line.map { ":\($0)" } ?? "") }
        return "[\(finding.check.rawValue)] \(place.isEmpty ? "" : place + ": ")\(finding.reason) — \(finding.evidence)"
    }
}
