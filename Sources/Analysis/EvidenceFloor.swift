import Model

/// Which session links a report counts for AI attribution (`--min-evidence`, METHOD.md, AI attribution).
package enum MinimumEvidence: String, Sendable, CaseIterable {
    /// Every link: commit, key, file and time overlap.
    case weak
    /// Time overlap alone does not make a task AI-assisted: such tasks count as human.
    case strong
}

/// How many AI-assisted tasks rest on weak evidence only, and what the report did with them.
package struct EvidenceSummary: Sendable, Equatable, Encodable {
    package var minimum: String
    /// AI-assisted tasks before the floor was applied.
    package var aiTasks: Int
    /// Of them, those whose only evidence is a weak session link.
    package var weakOnly: Int
    /// `weakOnly / aiTasks`; nil without AI-assisted tasks.
    package var share: Double?

    enum CodingKeys: String, CodingKey { case minimum, aiTasks, weakOnly, share }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(minimum, forKey: .minimum)
        try container.encode(aiTasks, forKey: .aiTasks)
        try container.encode(weakOnly, forKey: .weakOnly)
        try container.encode(share, forKey: .share)
    }

    /// One sentence for the report, reading well whatever the counts.
    package var sentence: String {
        guard aiTasks > 0 else { return "No AI-assisted task, so no attribution evidence to weigh." }
        guard weakOnly > 0 else {
            return "Every AI-assisted task rests on strong evidence: an AI mark, a label, or a session that names its commit or key, or edited a file only it touched."
        }
        let percent = "\(Int(((share ?? 0) * 100).rounded()))%"
        if minimum == MinimumEvidence.strong.rawValue {
            return "\(weakOnly) of \(aiTasks) tasks linked to AI (\(percent)) rested on weak evidence only (a session linked by time overlap or a shared file) and count as human here (--min-evidence strong)."
        }
        return "\(weakOnly) of \(aiTasks) AI-assisted tasks (\(percent)) rest on weak evidence only (a session linked by time overlap or a shared file); --min-evidence strong counts them as human."
    }

    /// Applies the floor: with `.strong`, tasks AI-assisted on weak evidence only become human.
    package static func apply(_ tasks: [WorkTask], minimum: MinimumEvidence) -> ([WorkTask], EvidenceSummary) {
        let ai = tasks.filter(\.ai).count
        let weak = tasks.filter(\.aiOnWeakEvidenceOnly).count
        let summary = EvidenceSummary(
            minimum: minimum.rawValue, aiTasks: ai, weakOnly: weak,
            share: ai > 0 ? RetroAnalysis.round(Double(weak) / Double(ai)) : nil)
        guard minimum == .strong, weak > 0 else { return (tasks, summary) }
        let floored = tasks.map { task -> WorkTask in
            guard task.aiOnWeakEvidenceOnly else { return task }
            var human = task
            human.ai = false
            human.aiTools = []
            human.aiLinesAdded = 0
            human.aiReasons.append("counted as human: --min-evidence strong, and every link is weak")
            return human
        }
        return (floored, summary)
    }
}
