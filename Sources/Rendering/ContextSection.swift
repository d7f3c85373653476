import Analysis
import Support

/// The measured guidance `multiplier context` writes into an assistant's context file
/// (`CLAUDE.md`, `AGENTS.md`, …): plain Markdown lines, only what the data supports.
package enum ContextSection {
    /// An area of the repository (its first two folders) and how its AI-assisted work fared.
    package struct Area: Sendable, Equatable {
        package var path: String
        package var aiTasks: Int
        package var reworkShare: Double

        package init(path: String, aiTasks: Int, reworkShare: Double) {
            self.path = path
            self.aiTasks = aiTasks
            self.reworkShare = reworkShare
        }
    }

    /// - Parameters:
    ///   - scope: the repository's name; `asOf`: the end of the newest task (not the clock, so a
    ///     second run with the same data writes the same bytes).
    ///   - practices: `report practices`' result for the same tasks (nil: not measured).
    package static func lines(retro: Retro, reworked: [Area], scope: String, asOf: String, practices: Practices? = nil) -> [String] {
        func figure(_ group: GroupFigures) -> String {
            "\(group.category ?? "?") \(Format.fixed(group.ratio ?? 0, 2)) (\(Format.fixed(group.ratioLow ?? 0, 2))–\(Format.fixed(group.ratioHigh ?? 0, 2)))"
        }
        let measured = retro.categories.filter { $0.ratio != nil && $0.category != "unclassified" }
        let pays = measured.filter { ($0.ratioHigh ?? 1) < 1 }.sorted { ($0.ratio ?? 1) < ($1.ratio ?? 1) }
        let slower = measured.filter { ($0.ratioLow ?? 0) > 1 }
        let unclear = measured.filter { ($0.ratioHigh ?? 1) >= 1 && ($0.ratioLow ?? 0) <= 1 }
        let thin = retro.categories.filter { $0.ratio == nil && $0.category != "unclassified" }.compactMap(\.category)
        var lines = [
            "## Where AI pays off in \(scope) (measured by Multiplier)",
            "",
            // The tasks the figures rest on, as the retro counts them: bots' and prototypes' left out.
            "From \(retro.counts.ai + retro.counts.human) tasks (\(retro.counts.ai) AI-assisted) up to \(asOf). Ratio = AI effort / human "
                + "effort for the same kind of work, with its 95% interval; below 1, AI-assisted work took less.",
            "",
        ]
        if pays.isEmpty {
            lines.append("- No kind of work shows a clear gain from AI here yet.")
        } else {
            lines.append("- AI pays off: " + pays.map(figure).joined(separator: ", ") + ". Use the assistant for the whole change.")
        }
        if !slower.isEmpty {
            lines.append(
                "- AI-assisted work took longer: " + slower.map(figure).joined(separator: ", ")
                    + ". Use the assistant for scaffolding only; write and check the core by hand.")
        }
        if !unclear.isEmpty {
            lines.append(
                "- No clear effect: " + unclear.map(figure).joined(separator: ", ")
                    + ". Scaffolding and tests from the assistant; review its core logic closely.")
        }
        if !thin.isEmpty {
            lines.append("- Not enough data yet (fewer than 5 AI-assisted or 5 other tasks), so nothing is claimed: \(thin.count) "
                + "kind\(thin.count == 1 ? "" : "s") of work (\(thin.joined(separator: ", "))).")
        }
        if !reworked.isEmpty {
            lines.append(
                "- AI-assisted changes reworked most often: " + reworked.map {
                    "`\($0.path)` (\(Format.fixed($0.reworkShare * 100, 0))% of the effort of its \($0.aiTasks) AI-assisted tasks)"
                }.joined(separator: ", ") + ". Review changes there with care.")
        }
        lines += practices.map(Self.practiceLines) ?? ["- Ways of working (plan first, context files): not measured yet."]
        lines.append("")
        lines.append("Written by `multiplier context --write`; it replaces only this block. METHOD.md defines every figure.")
        return lines
    }

    /// Which practice paid off here: plan first against code first, and the latest context-file
    /// change with enough weeks on each side, each with its ratio and interval, or "cannot tell".
    static func practiceLines(_ practices: Practices) -> [String] {
        func ratio(_ effort: PracticeEffort) -> String {
            guard let value = effort.ratio, let low = effort.ratioLow, let high = effort.ratioHigh else { return "" }
            return "\(Format.fixed(value, 2))× the effort (95% interval \(Format.fixed(low, 2))–\(Format.fixed(high, 2)))"
        }
        var lines: [String] = []
        let plan = practices.planFirst
        let counts = "\(plan.nFirst) plan-first and \(plan.nSecond) code-first AI-assisted tasks"
        switch plan.effort.verdict {
        case .lower:
            lines.append(
                "- Planning first paid off here: plan-first tasks took \(ratio(plan.effort)) of code-first ones (\(counts)). "
                    + "Ask for the approach (modules, data flow, interfaces, no code), review it, then let the assistant edit.")
        case .higher:
            lines.append(
                "- Planning first did not pay off here: plan-first tasks took \(ratio(plan.effort)) of code-first ones (\(counts)).")
        case .cannotTell:
            lines.append(
                "- Plan first against code first: cannot tell yet (\(counts); "
                    + (plan.effort.ratio == nil ? "too few in every kind of work" : "interval includes no difference") + ").")
        }
        if let effect = practices.contextFiles.last(where: { $0.comparison != nil }), let comparison = effect.comparison {
            let file = "`\(effect.change.path)` changed on \(String(Timestamp.iso8601(effect.change.time).prefix(10)))"
            let counts = "\(comparison.nFirst) AI-assisted tasks after, \(comparison.nSecond) before"
            let pace = effect.humanControl.map { $0.verdict == .cannotTell ? "" : "; tasks without AI changed too, so not only the file" } ?? ""
            switch comparison.effort.verdict {
            case .lower:
                lines.append("- Since \(file), AI-assisted tasks took \(ratio(comparison.effort)) of those before (\(counts)\(pace)). Keep it current.")
            case .higher:
                lines.append("- Since \(file), AI-assisted tasks took \(ratio(comparison.effort)) of those before (\(counts)\(pace)).")
            case .cannotTell:
                lines.append("- Since \(file): cannot tell whether AI-assisted work changed (\(counts)).")
            }
        } else if let effect = practices.contextFiles.last {
            lines.append(
                "- Context files: cannot tell yet (the last substantial change, `\(effect.change.path)` on "
                    + "\(String(Timestamp.iso8601(effect.change.time).prefix(10))), has \(effect.weeksBefore) weeks of tasks before and "
                    + "\(effect.weeksAfter) after; \(PracticesAnalysis.minimumWeeks) needed on each side).")
        } else {
            lines.append("- Context files: no substantial change of one in the history, so nothing to compare.")
        }
        return lines
    }
}
