import Support

/// Runs every check over the units and ranks them by risk.
package enum Reviewer {
    /// Each check, in checklist order.
    package static let checks: [@Sendable (ReviewUnit, ReviewContext) -> [Finding]] = [
        WeakZoneCheck.run, DependencyCheck.run, ImportCheck.run, SecondWayCheck.run, OverEngineeringCheck.run,
        SecurityCheck.run,
    ]

    /// A unit's findings, in checklist order, then by commit position, file and line.
    package static func findings(_ unit: ReviewUnit, _ context: ReviewContext) -> [Finding] {
        checks.flatMap { $0(unit, context) }
    }

    /// The reviewed units with findings, riskiest first (ties: later end first, then id).
    package static func review(_ units: [ReviewUnit], contexts: [String: ReviewContext], scope: String) -> ReviewReport {
        var reviewed: [ReviewReport.Item] = []
        for unit in units {
            let findings = findings(unit, contexts[unit.repository] ?? ReviewContext())
            guard !findings.isEmpty else { continue }
            reviewed.append(ReviewReport.Item(unit: unit, findings: findings, risk: risk(findings)))
        }
        reviewed.sort { ($1.risk, $1.end, $0.id) < ($0.risk, $0.end, $1.id) }
        var report = ReviewReport(scope: scope, reviewed: units.count, aiReviewed: units.filter(\.ai).count, items: reviewed)
        report.notes = units.flatMap { unit in unit.diffs.flatMap { diff in diff.notes.map { "\(diff.hash.prefix(10)) \($0)" } } }
        return report
    }

    /// The sum of the findings' weights, each rule counted at most three times (one noisy rule does not bury the rest).
    package static func risk(_ findings: [Finding]) -> Double {
        var perRule: [String: Int] = [:]
        var total = 0.0
        for finding in findings {
            perRule[finding.rule, default: 0] += 1
            if perRule[finding.rule, default: 0] <= 3 { total += finding.weight }
        }
        return total
    }
}

/// What `multiplier review` prints.
package struct ReviewReport: Sendable, Equatable, Encodable {
    package struct Item: Sendable, Equatable, Encodable {
        package var id: String
        package var key: String
        package var title: String
        package var repository: String
        package var author: String
        package var ai: Bool
        package var category: String
        package var end: Int64
        package var risk: Double
        package var findings: [Finding]

        package init(unit: ReviewUnit, findings: [Finding], risk: Double) {
            id = unit.id
            key = unit.key
            title = unit.title
            repository = unit.repository
            author = unit.author
            ai = unit.ai
            category = unit.category.rawValue
            end = unit.end
            self.risk = risk
            self.findings = findings
        }

        /// The checks that fired, in checklist order.
        package var checks: [ReviewCheck] { Array(Set(findings.map(\.check))).sorted() }

        private enum CodingKeys: String, CodingKey {
            case id, key, title, repository, author, ai, category, end, risk, findings
        }

        /// As every JSON output writes an instant: ISO 8601 in UTC (`end`, when the task ended).
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(key, forKey: .key)
            try container.encode(title, forKey: .title)
            try container.encode(repository, forKey: .repository)
            try container.encode(author, forKey: .author)
            try container.encode(ai, forKey: .ai)
            try container.encode(category, forKey: .category)
            try container.encode(Timestamp.iso8601(end), forKey: .end)
            try container.encode(risk, forKey: .risk)
            try container.encode(findings, forKey: .findings)
        }
    }

    package var scope: String
    /// Units read (tasks or the range), and how many of them AI-assisted.
    package var reviewed: Int
    package var aiReviewed: Int
    package var items: [Item]
    /// Files and commits that were capped or skipped (binary, submodule, huge).
    package var notes: [String] = []

    package init(scope: String, reviewed: Int, aiReviewed: Int, items: [Item]) {
        self.scope = scope
        self.reviewed = reviewed
        self.aiReviewed = aiReviewed
        self.items = items
    }
}
