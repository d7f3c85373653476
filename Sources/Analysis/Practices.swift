import Foundation
import Model

/// What a comparison of two groups of AI-assisted tasks says about one figure.
package enum PracticeVerdict: String, Sendable, Equatable, Encodable {
    /// The first group's figure is lower, and the 95% interval excludes no difference.
    case lower
    /// The first group's figure is higher, and the interval excludes no difference.
    case higher
    /// The interval includes no difference, or the data are too thin for an interval.
    case cannotTell = "cannot-tell"
}

/// The effort ratio of two groups (first over second), within category, with its checks.
package struct PracticeEffort: Sendable, Equatable, Encodable {
    package var ratio: Double?
    package var ratioLow: Double?
    package var ratioHigh: Double?
    /// The categories with at least 5 tasks on each side, which the ratio sums over.
    package var categories: [String]
    package var sizeMatchedRatio: Double?
    package var sizeMatchedDisagrees: Bool?
    package var withinPersonRatio: Double?
    package var withinPersonPeople: Int
    package var withinPersonDisagrees: Bool?
    package var verdict: PracticeVerdict
    /// Why it cannot tell, or what it found, in a few words.
    package var note: String

    enum CodingKeys: String, CodingKey {
        case ratio, ratioLow, ratioHigh, categories, sizeMatchedRatio, sizeMatchedDisagrees, withinPersonRatio
        case withinPersonPeople, withinPersonDisagrees, verdict, note
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(ratioLow, forKey: .ratioLow)
        try container.encode(ratioHigh, forKey: .ratioHigh)
        try container.encode(categories, forKey: .categories)
        try container.encode(sizeMatchedRatio, forKey: .sizeMatchedRatio)
        try container.encode(sizeMatchedDisagrees, forKey: .sizeMatchedDisagrees)
        try container.encode(withinPersonRatio, forKey: .withinPersonRatio)
        try container.encode(withinPersonPeople, forKey: .withinPersonPeople)
        try container.encode(withinPersonDisagrees, forKey: .withinPersonDisagrees)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(note, forKey: .note)
    }
}

/// A figure of both groups (rework share, churn, review rounds) and the difference, first minus
/// second, with its 95% bootstrap interval.
package struct PracticeDifference: Sendable, Equatable, Encodable {
    package var first: Double?
    package var second: Double?
    package var difference: Double?
    package var low: Double?
    package var high: Double?
    package var verdict: PracticeVerdict
    package var note: String

    enum CodingKeys: String, CodingKey { case first, second, difference, low, high, verdict, note }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(first, forKey: .first)
        try container.encode(second, forKey: .second)
        try container.encode(difference, forKey: .difference)
        try container.encode(low, forKey: .low)
        try container.encode(high, forKey: .high)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(note, forKey: .note)
    }
}

/// Two groups of AI-assisted tasks compared on effort, rework, churn and review rounds.
package struct PracticeComparison: Sendable, Equatable, Encodable {
    /// "plan-first" / "after", and "code-first" / "before".
    package var first: String
    package var second: String
    package var nFirst: Int
    package var nSecond: Int
    package var effort: PracticeEffort
    package var reworkShare: PracticeDifference
    package var churn: PracticeDifference
    package var reviewRounds: PracticeDifference
}

/// One substantial change of a context file, and AI-assisted work before and after it.
package struct ContextFileEffect: Sendable, Equatable, Encodable {
    /// The episode's first substantial change: the date the series is cut at.
    package var change: ContextFiles.Change
    /// Commits of later substantial changes within `PracticesAnalysis.foldDays` of it, folded in:
    /// "after" starts at the last of them.
    package var folded: [String]
    /// ISO weeks in which tasks of the repository finished, in each window.
    package var weeksBefore: Int
    package var weeksAfter: Int
    /// AI-assisted tasks after against before; nil when the windows are too short.
    package var comparison: PracticeComparison?
    /// The same effort ratio for tasks without AI: a change there too is the team's pace, not the file.
    package var humanControl: PracticeEffort?
    /// Why it cannot tell, when it cannot.
    package var cannotTell: String?

    enum CodingKeys: String, CodingKey { case change, folded, weeksBefore, weeksAfter, comparison, humanControl, cannotTell }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(change, forKey: .change)
        try container.encode(folded, forKey: .folded)
        try container.encode(weeksBefore, forKey: .weeksBefore)
        try container.encode(weeksAfter, forKey: .weeksAfter)
        try container.encode(comparison, forKey: .comparison)
        try container.encode(humanControl, forKey: .humanControl)
        try container.encode(cannotTell, forKey: .cannotTell)
    }
}

/// Tasks on prototype branches, reported apart from the speedups.
package struct PrototypeFigures: Sendable, Equatable, Encodable {
    package var tasks: Int
    package var ai: Int
    package var effortHours: Double
    /// The branch prefixes that made a task a prototype.
    package var prefixes: [String]
    /// Up to 10 of their branches, sorted.
    package var branches: [String]
}

/// `multiplier report practices`: which ways of working paid off for AI-assisted tasks.
package struct Practices: Sendable, Equatable, Encodable {
    package struct Counts: Sendable, Equatable, Encodable {
        package var tasks: Int
        package var ai: Int
        package var bots: Int
        package var prototypes: Int
        package var planFirst: Int
        package var codeFirst: Int
        /// AI-assisted tasks whose sessions' logs do not tell (or that have no session): left out.
        package var unknownStart: Int
    }

    package var period: Retro.Period
    package var counts: Counts
    package var planFirst: PracticeComparison
    /// Every context-file change, substantial or not, per repository, oldest first.
    package var contextFileChanges: [ContextFiles.Change]
    /// One per substantial change.
    package var contextFiles: [ContextFileEffect]
    package var prototypes: PrototypeFigures
    package var assumptions: [String]
    package var reading: [String]
}
