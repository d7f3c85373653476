/// The five checks of a reviewer's checklist for generated code.
package enum ReviewCheck: String, Sendable, Codable, CaseIterable, Comparable {
    case weakZone = "weak-zone"
    case dependencies
    case secondWay = "second-way"
    case overEngineering = "over-engineering"
    case security

    package static func < (lhs: ReviewCheck, rhs: ReviewCheck) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One thing a reviewer should look at, with its evidence and a reason to act on.
package struct Finding: Sendable, Equatable, Codable {
    package var check: ReviewCheck
    /// The rule within the check (`unknown-import`, `sql-interpolation`…).
    package var rule: String
    package var commit: String?
    package var file: String?
    package var line: Int?
    /// The triggering text: trimmed, secrets redacted, at most `Evidence.maximumLength` characters.
    package var evidence: String
    /// One line a reviewer can act on.
    package var reason: String
    /// How much it adds to the task's risk.
    package var weight: Double

    package init(
        check: ReviewCheck, rule: String, commit: String? = nil, file: String? = nil, line: Int? = nil, evidence: String,
        reason: String, weight: Double
    ) {
        self.check = check
        self.rule = rule
        self.commit = commit
        self.file = file
        self.line = line
        self.evidence = ReviewEvidence.clean(evidence)
        self.reason = reason
        self.weight = weight
    }

    package init(check: ReviewCheck, rule: String, at line: ReviewLine, reason: String, weight: Double) {
        self.init(
            check: check, rule: rule, commit: line.commit, file: line.path, line: line.number, evidence: line.text,
            reason: reason, weight: weight)
    }
}
