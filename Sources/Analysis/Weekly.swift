import Foundation
import Support
import Model

/// The weekly report: this week's tasks, AI share, time saved against the all-history
/// category ratios, review overhead, the four-week trend and notable tasks.
package struct Weekly: Sendable, Equatable, Encodable {
    package struct WeekFigures: Sendable, Equatable, Encodable {
        package var week: String
        package var tasks: Int
        package var aiTasks: Int
        package var effortHours: Double
        package var aiShareOfLines: Double?
        /// Hours AI-assisted tasks saved: effort × (1 / r_c − 1) with the category's ratio (the weekly
        /// report's from all history, the retro's from its period); nil when the week's AI-assisted
        /// tasks are all of categories without a ratio (nothing to price them with: no figure, not 0).
        package var hoursSaved: Double?

        enum CodingKeys: String, CodingKey { case week, tasks, aiTasks, effortHours, aiShareOfLines, hoursSaved }

        package func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(week, forKey: .week)
            try container.encode(tasks, forKey: .tasks)
            try container.encode(aiTasks, forKey: .aiTasks)
            try container.encode(effortHours, forKey: .effortHours)
            try container.encode(aiShareOfLines, forKey: .aiShareOfLines)
            try container.encode(hoursSaved, forKey: .hoursSaved)
        }
    }

    package struct Notable: Sendable, Equatable, Encodable {
        package var what: String
        package var id: String
        package var title: String
        package var detail: String
    }

    package struct Row: Sendable, Equatable, Encodable {
        package var id: String
        package var title: String
        package var category: String
        package var ai: Bool
        package var effortHours: Double
        package var reworkHours: Double
    }

    package var week: String
    package var from: String
    package var to: String
    package var summary: WeekFigures
    package var reworkShareAI: Double?
    package var reworkShareHuman: Double?
    package var trend: [WeekFigures]
    package var notable: [Notable]
    package var tasks: [Row]
    package var assumptions: [String]
    /// The week's AI-assisted tasks on weak link evidence only (`--min-evidence`).
    package var evidence: EvidenceSummary
    package var coverage: Coverage?
    package var people: [PersonFigures]?
    /// Only with `--review`: the week's AI-assisted tasks to review first (at most five).
    package var reviewFirst: [ReviewHighlight]?

    enum CodingKeys: String, CodingKey {
        case week, from, to, summary, reworkShareAI, reworkShareHuman, trend, notable, tasks, assumptions, evidence, coverage
        case people, reviewFirst
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(week, forKey: .week)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(summary, forKey: .summary)
        try container.encode(reworkShareAI, forKey: .reworkShareAI)
        try container.encode(reworkShareHuman, forKey: .reworkShareHuman)
        try container.encode(trend, forKey: .trend)
        try container.encode(notable, forKey: .notable)
        try container.encode(tasks, forKey: .tasks)
        try container.encode(assumptions, forKey: .assumptions)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(coverage, forKey: .coverage)
        if let people { try container.encode(people, forKey: .people) }
        if let reviewFirst { try container.encode(reviewFirst, forKey: .reviewFirst) }
    }
}

extension RetroAnalysis {
    /// One week's figures from the tasks that ended in it; `ratios` price the AI tasks' savings.
    static func weekFigures(_ members: [WorkTask], week: ISOWeek, ratios: [Category: Double]) -> Weekly.WeekFigures {
        let lines = members.reduce(0) { $0 + $1.linesAdded }
        let assisted = members.filter(\.ai)
        let priced = assisted.filter { (ratios[$0.category] ?? 0) > 0 }
        let saved = priced.reduce(0.0) { total, task in total + task.effortHours * (1 / (ratios[task.category] ?? 1) - 1) }
        return Weekly.WeekFigures(
            week: week.description, tasks: members.count, aiTasks: members.filter(\.ai).count,
            effortHours: round(members.reduce(0) { $0 + $1.effortHours }),
            aiShareOfLines: lines > 0 ? round(Double(members.reduce(0) { $0 + $1.aiLinesAdded }) / Double(lines)) : nil,
            hoursSaved: assisted.isEmpty || !priced.isEmpty ? round(saved) : nil)
    }

    /// The weeks from the first task's to the last one's; a stretch of more than `longestGap` weeks
    /// without a task is left out (a commit dated 1975 by an imported history or a wrong clock
    /// would otherwise fill the table with fifty years of empty weeks), and at most the last 1,000
    /// weeks are kept. Only the weeks with tasks are visited, and the short stretches between them:
    /// a commit dated a million years ahead costs nothing.
    static func weeks(_ tasks: [WorkTask], ratios: [Category: Double]) -> [Weekly.WeekFigures] {
        var byWeek: [ISOWeek: [WorkTask]] = [:]
        for task in tasks { byWeek[ISOWeek(containing: task.end), default: []].append(task) }
        var result: [Weekly.WeekFigures] = []
        var previous: ISOWeek?
        for week in byWeek.keys.sorted() {
            if let previous {
                let empty = Int((week.start - previous.start) / (7 * 86_400)) - 1
                if empty <= longestGap {
                    for offset in 0..<empty { result.append(weekFigures([], week: previous.adding(weeks: offset + 1), ratios: ratios)) }
                }
            }
            result.append(weekFigures(byWeek[week] ?? [], week: week, ratios: ratios))
            previous = week
        }
        return Array(result.suffix(1000))
    }

    /// The longest run of weeks without a task that the week table still shows (a quarter).
    static let longestGap = 13

    /// The weekly report for `week`; ratios for hours saved come from the whole history given.
    package func weekly(_ all: [WorkTask], week: ISOWeek) -> Weekly {
        // Bots' and prototype branches' tasks are left out, as in the retro.
        let counted = all.filter { !$0.bot && !settings.isPrototype(branch: $0.branch) }
        let prototypesThisWeek = all.filter { !$0.bot && settings.isPrototype(branch: $0.branch) && $0.end >= week.start && $0.end < week.end }
        let tasks = EvidenceSummary.apply(counted, minimum: minimumEvidence).0
        let evidence = EvidenceSummary.apply(
            counted.filter { $0.end >= week.start && $0.end < week.end }, minimum: minimumEvidence).1
        var ratios: [Category: Double] = [:]
        for category in Category.allCases {
            let group = tasks.filter { $0.category == category }
            ratios[category] = Speedup.point(
                ai: group.filter(\.ai).map(\.effortHours), human: group.filter { !$0.ai }.map(\.effortHours))
        }
        func inWeek(_ week: ISOWeek) -> [WorkTask] { tasks.filter { $0.end >= week.start && $0.end < week.end } }
        func figures(_ week: ISOWeek) -> Weekly.WeekFigures { Self.weekFigures(inWeek(week), week: week, ratios: ratios) }
        let members = inWeek(week).sorted { ($0.end, $0.id) < ($1.end, $1.id) }
        var notable: [Weekly.Notable] = []
        if let reworked = members.filter({ $0.ai && $0.reworkHours > 0 }).max(by: { ($0.reworkHours, $1.id) < ($1.reworkHours, $0.id) }) {
            notable.append(
                Weekly.Notable(
                    what: "most reworked AI task", id: reworked.id, title: reworked.title,
                    detail: "\(String(format: "%.1f", reworked.reworkHours)) h of \(String(format: "%.1f", reworked.effortHours)) h was rework"))
        }
        if let largest = members.filter(\.ai).max(by: { ($0.linesChanged, $1.id) < ($1.linesChanged, $0.id) }) {
            notable.append(
                Weekly.Notable(
                    what: "largest AI task", id: largest.id, title: largest.title,
                    detail: "\(largest.linesChanged) line\(largest.linesChanged == 1 ? "" : "s") in \(largest.filesTouched) file\(largest.filesTouched == 1 ? "" : "s")"))
        }
        if let waited = members.filter({ $0.firstReviewWaitHours != nil }).max(by: {
            (($0.firstReviewWaitHours ?? 0), $1.id) < (($1.firstReviewWaitHours ?? 0), $0.id)
        }) {
            notable.append(
                Weekly.Notable(
                    what: "longest wait for a first review", id: waited.id, title: waited.title,
                    detail: "\(String(format: "%.1f", waited.firstReviewWaitHours ?? 0)) h"))
        }
        return Weekly(
            week: week.description, from: Timestamp.iso8601(week.start), to: Timestamp.iso8601(week.end - 1),
            summary: figures(week),
            // Unknown (nil) where every pull request of a side has an export without reviews, as in the retro.
            reworkShareAI: reviewUnknown(members.filter(\.ai)) ? nil : reworkShare(members.filter(\.ai)),
            reworkShareHuman: reviewUnknown(members.filter { !$0.ai }) ? nil : reworkShare(members.filter { !$0.ai }),
            trend: (0..<4).reversed().map { figures(week.adding(weeks: -$0)) }, notable: notable,
            tasks: members.map {
                Weekly.Row(
                    id: $0.id, title: $0.title, category: $0.category.rawValue, ai: $0.ai,
                    effortHours: Self.round($0.effortHours), reworkHours: Self.round($0.reworkHours))
            },
            assumptions: [
                "A task belongs to the week in which it ended (its merge, else its last commit); weeks are ISO weeks cut in UTC.",
                "Hours saved: each AI-assisted task's effort × (1 / r − 1), r being its category's AI/human effort ratio over the whole history; categories without enough data count no saving.",
            ] + Array(assumptions(Calibration(spearman: nil, medianRatio: nil, n: 0)).prefix(3))
                + [Self.calibrationSentence(Self.calibration(tasks))]
                + (prototypesThisWeek.isEmpty
                    ? []
                    : [
                        "\(prototypesThisWeek.count) task\(prototypesThisWeek.count == 1 ? "" : "s") on prototype branches this week "
                            + "left out, as in the retro; 'multiplier report practices' reports them apart."
                    ]), evidence: evidence, coverage: nil, people: nil)
    }
}
