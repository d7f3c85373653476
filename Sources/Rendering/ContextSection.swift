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
    package static func lines(retro: Retro, reworked: [Area], scope: String, asOf: String) -> [String] {
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
            "From \(retro.counts.tasks) tasks (\(retro.counts.ai) AI-assisted) up to \(asOf). Ratio = AI effort / human "
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
        lines.append("- Ways of working (plan first, context files): not measured yet.")
        lines.append("")
        lines.append("Written by `multiplier context --write`; it replaces only this block. METHOD.md defines every figure.")
        return lines
    }
}
