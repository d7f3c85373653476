import Model

/// A task to review first, as the weekly report lists it (from `multiplier review`'s ranking).
package struct ReviewHighlight: Sendable, Equatable, Encodable {
    package var id: String
    package var key: String
    package var title: String
    package var risk: Double
    /// One reason per finding, at most three.
    package var reasons: [String]

    package init(id: String, key: String, title: String, risk: Double, reasons: [String]) {
        self.id = id
        self.key = key
        self.title = title
        self.risk = risk
        self.reasons = reasons
    }
}

/// How often one review check fired on AI and on human tasks, and whether the AI tasks it flagged
/// had more rework and churn afterwards than the AI tasks it did not (so a team learns which checks pay).
package struct ReviewCheckFigures: Sendable, Equatable, Encodable {
    package var check: String
    package var aiTasks: Int
    package var aiFlagged: Int
    package var humanTasks: Int
    package var humanFlagged: Int
    /// Rework hours over effort hours, and churned lines over added lines, of flagged and other AI tasks.
    package var reworkShareFlaggedAI: Double?
    package var reworkShareOtherAI: Double?
    package var churnShareFlaggedAI: Double?
    package var churnShareOtherAI: Double?

    enum CodingKeys: String, CodingKey {
        case check, aiTasks, aiFlagged, humanTasks, humanFlagged, reworkShareFlaggedAI, reworkShareOtherAI
        case churnShareFlaggedAI, churnShareOtherAI
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(check, forKey: .check)
        try container.encode(aiTasks, forKey: .aiTasks)
        try container.encode(aiFlagged, forKey: .aiFlagged)
        try container.encode(humanTasks, forKey: .humanTasks)
        try container.encode(humanFlagged, forKey: .humanFlagged)
        try container.encode(reworkShareFlaggedAI, forKey: .reworkShareFlaggedAI)
        try container.encode(reworkShareOtherAI, forKey: .reworkShareOtherAI)
        try container.encode(churnShareFlaggedAI, forKey: .churnShareFlaggedAI)
        try container.encode(churnShareOtherAI, forKey: .churnShareOtherAI)
    }
}

extension RetroAnalysis {
    /// The retro's review section: per check, fire rates on AI and human work, and the rework share and
    /// churn (as the retro defines them) of the AI tasks it flagged against the AI tasks it did not.
    /// - Parameters:
    ///   - tasks: the reviewed tasks (bots left out by the caller).
    ///   - flagged: task id → the checks that fired on it.
    ///   - checks: every check, in the order to report.
    package func reviewChecks(_ tasks: [WorkTask], flagged: [String: Set<String>], checks: [String]) -> [ReviewCheckFigures] {
        let ai = tasks.filter(\.ai)
        let human = tasks.filter { !$0.ai }
        return checks.map { check in
            let flaggedAI = ai.filter { flagged[$0.id]?.contains(check) == true }
            let otherAI = ai.filter { flagged[$0.id]?.contains(check) != true }
            return ReviewCheckFigures(
                check: check, aiTasks: ai.count, aiFlagged: flaggedAI.count, humanTasks: human.count,
                humanFlagged: human.filter { flagged[$0.id]?.contains(check) == true }.count,
                reworkShareFlaggedAI: reworkShare(flaggedAI), reworkShareOtherAI: reworkShare(otherAI),
                churnShareFlaggedAI: Self.churn(flaggedAI), churnShareOtherAI: Self.churn(otherAI))
        }
    }
}
