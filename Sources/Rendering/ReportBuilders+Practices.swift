import Analysis
import Support

extension ReportBuilders {
    /// `multiplier report practices`: plan first against code first, before against after each
    /// substantial context-file change, and prototype work apart.
    package static func practices(_ practices: Practices, scope: String) -> ReportDocument {
        let counts = practices.counts
        var document = ReportDocument(
            title: "Ways of working: \(scope)",
            subtitle: counts.tasks == 0
                ? "No finished task in this scope. Ingest a repository ('multiplier ingest git PATH') and its session logs."
                : "\(counts.ai) AI-assisted tasks of \(counts.tasks): \(counts.planFirst) plan-first, \(counts.codeFirst) code-first, "
                    + "\(counts.unknownStart) whose logs do not tell (left out). Ratio = first group's effort / second group's; below 1 the first took less.")
        document.blocks.append(.heading("Reading"))
        document.blocks.append(.list(practices.reading))

        // Labels: the table's, and a short one for the chart (its label column is narrow).
        var comparisons: [(label: String, comparison: PracticeComparison)] = [("plan-first / code-first", practices.planFirst)]
        var shortLabels = ["plan-first / code-first"]
        for effect in practices.contextFiles {
            if let comparison = effect.comparison {
                comparisons.append(("\(effect.change.path) \(day(effect.change.time)): after / before", comparison))
                shortLabels.append("\(lastComponent(effect.change.path)) \(day(effect.change.time).dropFirst(5))")
            }
        }
        document.blocks.append(.heading("Effort"))
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "effort",
                    columns: [
                        ("comparison", .left), ("first", .right), ("second", .right), ("ratio", .right), ("95% interval", .right),
                        ("size-matched", .right), ("within-person", .right), ("verdict", .left), ("categories", .left),
                    ],
                    rows: comparisons.map { label, comparison in
                        let effort = comparison.effort
                        return [
                            label, "\(comparison.nFirst)", "\(comparison.nSecond)", ratio(effort.ratio),
                            interval(effort.ratioLow, effort.ratioHigh), ratio(effort.sizeMatchedRatio), ratio(effort.withinPersonRatio),
                            verdictText(effort.verdict), effort.categories.joined(separator: ", "),
                        ]
                    },
                    note: "First and second are AI-assisted task counts; the ratio sums categories with at least 5 tasks on each side "
                        + "('too few': none has). Size-matched: within files-touched buckets; within-person: among people with both.",
                    priority: ["comparison", "ratio", "95% interval", "verdict", "first", "second", "size-matched", "within-person"],
                    flexible: "comparison")))
        let points = zip(shortLabels, comparisons).compactMap { label, item -> ReportDocument.IntervalPoint? in
            let effort = item.comparison.effort
            guard let value = effort.ratio, let low = effort.ratioLow, let high = effort.ratioHigh else { return nil }
            return ReportDocument.IntervalPoint(label: label, value: value, low: low, high: high)
        }
        if !points.isEmpty {
            document.blocks.append(
                .chart(
                    ReportDocument.Chart(
                        title: "Effort ratio per practice, with 95% intervals", kind: .intervals(points, reference: 1),
                        axis: "effort, first group / second (1 = no difference)")))
        }
        document.blocks.append(.heading("Rework, churn and review rounds"))
        func pointsText(_ value: Double?) -> String { value.map { Format.fixed($0 * 100, 1) } ?? "-" }
        func plain(_ value: Double?) -> String { value.map { Format.fixed($0, 2) } ?? "-" }
        var rows: [[String]] = []
        for (label, comparison) in comparisons {
            let figures: [(String, PracticeDifference, (Double?) -> String, (Double?) -> String)] = [
                ("rework share", comparison.reworkShare, percent, pointsText),
                ("14-day churn", comparison.churn, percent, pointsText),
                ("review rounds", comparison.reviewRounds, plain, plain),
            ]
            for (name, figure, value, change) in figures {
                rows.append([
                    label, name, value(figure.first), value(figure.second), change(figure.difference),
                    figure.low == nil ? "-" : "\(change(figure.low)) to \(change(figure.high))", verdictText(figure.verdict),
                ])
            }
        }
        document.blocks.append(
            .table(
                ReportDocument.Table(
                    name: "differences",
                    columns: [
                        ("comparison", .left), ("figure", .left), ("first", .right), ("second", .right), ("difference", .right),
                        ("95% interval", .right), ("verdict", .left),
                    ],
                    rows: rows,
                    note: "Differences are first minus second, in percentage points for shares and in rounds for review rounds; "
                        + "'-': fewer than 10 tasks on a side, or no pull request to count rounds on.",
                    priority: ["comparison", "figure", "difference", "95% interval", "verdict", "first", "second"],
                    flexible: "comparison")))

        document.blocks.append(.heading("Context files"))
        if practices.contextFileChanges.isEmpty {
            document.blocks.append(
                .paragraph(
                    "No commit in the ingested history touches a context file (CLAUDE.md, AGENTS.md, GEMINI.md, "
                        + ".github/copilot-instructions.md, .cursor/rules, .cursorrules, CONVENTIONS.md)."))
        } else {
            let folded = Set(practices.contextFiles.flatMap(\.folded))
            let effects = Dictionary(practices.contextFiles.map { ("\($0.change.repository)\u{0}\($0.change.commit)\u{0}\($0.change.path)", $0) }) { first, _ in first }
            document.blocks.append(
                .table(
                    ReportDocument.Table(
                        name: "context-files",
                        columns: [
                            ("repository", .left), ("file", .left), ("date", .left), ("commit", .left), ("change", .left),
                            ("weeks before", .right), ("weeks after", .right), ("result", .left),
                        ],
                        rows: practices.contextFileChanges.map { change in
                            let effect = effects["\(change.repository)\u{0}\(change.commit)\u{0}\(change.path)"]
                            let result: String
                            if let effect {
                                result = effect.comparison.map { $0.effort.note } ?? effect.cannotTell ?? "cannot tell"
                            } else if folded.contains(change.commit) {
                                result = "folded into the substantial change before it (within 14 days)"
                            } else {
                                result = "not substantial"
                            }
                            return [
                                lastComponent(change.repository), change.path, day(change.time),
                                String(change.commit.prefix(10)), change.reason, effect.map { "\($0.weeksBefore)" } ?? "-",
                                effect.map { "\($0.weeksAfter)" } ?? "-", result,
                            ]
                        },
                        note: "Substantial: created, or at least 20 lines or 30% of the file changed (line endings, spaces at line ends and "
                            + "links to another context file aside, where git can tell); substantial changes within 14 days "
                            + "of each other are one. Before: tasks finished before the change; after: tasks started after it (and "
                            + "after the changes folded in); 8 weeks with finished tasks needed on each side.",
                        priority: ["file", "date", "result", "change", "weeks before", "weeks after", "repository", "commit"],
                        flexible: "result")))
            let controls = practices.contextFiles.compactMap { effect -> String? in
                guard let control = effect.humanControl else { return nil }
                return "\(effect.change.path) \(day(effect.change.time)): tasks without AI, after / before — \(control.note)."
            }
            if !controls.isEmpty { document.blocks.append(.list(controls)) }
        }

        document.blocks.append(.heading("Prototype branches"))
        let prototypes = practices.prototypes
        document.blocks.append(
            .paragraph(
                prototypes.tasks == 0
                    ? "No task on a prototype branch (\(prototypes.prefixes.joined(separator: ", ")))."
                    : "\(prototypes.tasks) task\(prototypes.tasks == 1 ? "" : "s") on prototype branches (\(prototypes.ai) AI-assisted, "
                        + "\(Format.fixed(prototypes.effortHours, 1)) h of effort), reported apart and left out of every comparison above "
                        + "and of the retro's speedups: \(prototypes.branches.joined(separator: ", "))"
                        + (prototypes.tasks > prototypes.branches.count ? ", …" : "") + "."))
        document.blocks.append(.heading("Assumptions"))
        document.blocks.append(.list(practices.assumptions))
        return document
    }

    static func verdictText(_ verdict: PracticeVerdict) -> String {
        switch verdict {
        case .lower: "lower"
        case .higher: "higher"
        case .cannotTell: "cannot tell"
        }
    }

    static func day(_ seconds: Int64) -> String { String(Timestamp.iso8601(seconds).prefix(10)) }

    /// A repository root's folder name.
    static func lastComponent(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}
