import Foundation
import Model

/// Figures for one category or zone, AI against human (JSON keys are the retro's contract;
/// a figure without enough data is `null`, never left out).
package struct GroupFigures: Sendable, Equatable, Encodable {
    package var category: String?
    package var zone: String
    package var nAI: Int
    package var nHuman: Int
    package var ratio: Double?
    package var ratioLow: Double?
    package var ratioHigh: Double?
    /// 1 − ratio: "45% faster" is 0.45.
    package var timeSaved: Double?
    package var multiplier: Double?
    /// The ratio adjusted for task size (files touched) and person by one regression of log effort,
    /// and its interval (METHOD.md, Speedup): a check, shown beside the headline ratio.
    package var adjustedRatio: Double? = nil
    package var adjustedRatioLow: Double? = nil
    package var adjustedRatioHigh: Double? = nil
    /// The size-matched check, and whether it falls outside the interval.
    package var sizeMatchedRatio: Double?
    package var sizeMatchedDisagrees: Bool?
    /// The within-person check: the ratio among people who did both AI and human tasks of the
    /// group, how many they are, and whether it falls outside the interval.
    package var withinPersonRatio: Double?
    package var withinPersonPeople: Int
    package var withinPersonDisagrees: Bool?
    package var reworkShareAI: Double?
    package var reworkShareHuman: Double?
    package var churnAI: Double?
    package var churnHuman: Double?
    package var effortHoursAI: Double
    package var effortHoursHuman: Double

    enum CodingKeys: String, CodingKey {
        case category, zone, nAI, nHuman, ratio, ratioLow, ratioHigh, timeSaved, multiplier, adjustedRatio
        case adjustedRatioLow, adjustedRatioHigh, sizeMatchedRatio
        case sizeMatchedDisagrees, withinPersonRatio, withinPersonPeople, withinPersonDisagrees, reworkShareAI, reworkShareHuman
        case churnAI, churnHuman, effortHoursAI, effortHoursHuman
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let category { try container.encode(category, forKey: .category) }
        try container.encode(zone, forKey: .zone)
        try container.encode(nAI, forKey: .nAI)
        try container.encode(nHuman, forKey: .nHuman)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(ratioLow, forKey: .ratioLow)
        try container.encode(ratioHigh, forKey: .ratioHigh)
        try container.encode(timeSaved, forKey: .timeSaved)
        try container.encode(multiplier, forKey: .multiplier)
        try container.encode(adjustedRatio, forKey: .adjustedRatio)
        try container.encode(adjustedRatioLow, forKey: .adjustedRatioLow)
        try container.encode(adjustedRatioHigh, forKey: .adjustedRatioHigh)
        try container.encode(sizeMatchedRatio, forKey: .sizeMatchedRatio)
        try container.encode(sizeMatchedDisagrees, forKey: .sizeMatchedDisagrees)
        try container.encode(withinPersonRatio, forKey: .withinPersonRatio)
        try container.encode(withinPersonPeople, forKey: .withinPersonPeople)
        try container.encode(withinPersonDisagrees, forKey: .withinPersonDisagrees)
        try container.encode(reworkShareAI, forKey: .reworkShareAI)
        try container.encode(reworkShareHuman, forKey: .reworkShareHuman)
        try container.encode(churnAI, forKey: .churnAI)
        try container.encode(churnHuman, forKey: .churnHuman)
        try container.encode(effortHoursAI, forKey: .effortHoursAI)
        try container.encode(effortHoursHuman, forKey: .effortHoursHuman)
    }
}

/// The end-to-end effect: R = Σ w_c r_c over the categories with enough data.
package struct EndToEnd: Sendable, Equatable, Encodable {
    package var ratio: Double?
    package var ratioLow: Double?
    package var ratioHigh: Double?
    package var timeSaved: Double?
    /// The categories that had enough data to enter the sum.
    package var categories: [String]
    /// The same sum of the ratios adjusted for size and person (a check beside the headline).
    package var adjustedRatio: Double? = nil
    package var adjustedRatioLow: Double? = nil
    package var adjustedRatioHigh: Double? = nil

    enum CodingKeys: String, CodingKey {
        case ratio, ratioLow, ratioHigh, timeSaved, categories, adjustedRatio, adjustedRatioLow, adjustedRatioHigh
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ratio, forKey: .ratio)
        try container.encode(ratioLow, forKey: .ratioLow)
        try container.encode(ratioHigh, forKey: .ratioHigh)
        try container.encode(timeSaved, forKey: .timeSaved)
        try container.encode(categories, forKey: .categories)
        try container.encode(adjustedRatio, forKey: .adjustedRatio)
        try container.encode(adjustedRatioLow, forKey: .adjustedRatioLow)
        try container.encode(adjustedRatioHigh, forKey: .adjustedRatioHigh)
    }
}

/// How well the git estimator tracks measured session time on AI tasks.
package struct Calibration: Sendable, Equatable, Encodable {
    package var spearman: Double?
    /// Median of git-estimated effort over measured active time.
    package var medianRatio: Double?
    package var n: Int

    enum CodingKeys: String, CodingKey { case spearman, medianRatio, n }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(spearman, forKey: .spearman)
        try container.encode(medianRatio, forKey: .medianRatio)
        try container.encode(n, forKey: .n)
    }
}

/// Lines added by AI-assisted work over all lines added.
package struct AIShare: Sendable, Equatable, Encodable {
    package var linesAdded: Int
    package var aiLinesAdded: Int
    package var share: Double?
    /// A release's share by `git blame` (`--since REF`), beside the added-lines one.
    package var surviving: SurvivingShare?

    enum CodingKeys: String, CodingKey { case linesAdded, aiLinesAdded, share, surviving }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(linesAdded, forKey: .linesAdded)
        try container.encode(aiLinesAdded, forKey: .aiLinesAdded)
        try container.encode(share, forKey: .share)
        try container.encodeIfPresent(surviving, forKey: .surviving)
    }
}

/// Review cost and waits, AI against human.
package struct ReviewFigures: Sendable, Equatable, Encodable {
    /// Nil without effort, and where the side's reviewer time is unknown (`reviewerHoursAI`).
    package var reworkShareAI: Double?
    package var reworkShareHuman: Double?
    /// Nil (unknown) where every pull request of the side has an export without reviews.
    package var reviewerHoursAI: Double?
    package var reviewerHoursHuman: Double?
    package var medianFirstReviewWaitHoursAI: Double?
    package var medianFirstReviewWaitHoursHuman: Double?
    package var medianMergeWaitHoursAI: Double?
    package var medianMergeWaitHoursHuman: Double?
    package var meanReviewRoundsAI: Double?
    package var meanReviewRoundsHuman: Double?
    package var pullRequestsAI: Int
    package var pullRequestsHuman: Int
    /// Minutes per review round where no time log has reviewer hours.
    package var reviewMinutesPerRound: Double

    enum CodingKeys: String, CodingKey {
        case reworkShareAI, reworkShareHuman, reviewerHoursAI, reviewerHoursHuman, medianFirstReviewWaitHoursAI
        case medianFirstReviewWaitHoursHuman, medianMergeWaitHoursAI, medianMergeWaitHoursHuman, meanReviewRoundsAI
        case meanReviewRoundsHuman, pullRequestsAI, pullRequestsHuman, reviewMinutesPerRound
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reworkShareAI, forKey: .reworkShareAI)
        try container.encode(reworkShareHuman, forKey: .reworkShareHuman)
        try container.encode(reviewerHoursAI, forKey: .reviewerHoursAI)
        try container.encode(reviewerHoursHuman, forKey: .reviewerHoursHuman)
        try container.encode(medianFirstReviewWaitHoursAI, forKey: .medianFirstReviewWaitHoursAI)
        try container.encode(medianFirstReviewWaitHoursHuman, forKey: .medianFirstReviewWaitHoursHuman)
        try container.encode(medianMergeWaitHoursAI, forKey: .medianMergeWaitHoursAI)
        try container.encode(medianMergeWaitHoursHuman, forKey: .medianMergeWaitHoursHuman)
        try container.encode(meanReviewRoundsAI, forKey: .meanReviewRoundsAI)
        try container.encode(meanReviewRoundsHuman, forKey: .meanReviewRoundsHuman)
        try container.encode(pullRequestsAI, forKey: .pullRequestsAI)
        try container.encode(pullRequestsHuman, forKey: .pullRequestsHuman)
        try container.encode(reviewMinutesPerRound, forKey: .reviewMinutesPerRound)
    }
}

/// A task worth a person's look: the classifier was unsure.
package struct TaskReference: Sendable, Equatable, Encodable {
    package var id: String
    package var title: String
    package var category: String
    package var confidence: Double
    package var ai: Bool
}

/// The retrospective of a project, a period or a release.
package struct Retro: Sendable, Equatable, Encodable {
    package struct Period: Sendable, Equatable, Encodable {
        package var since: String?
        package var until: String?

        enum CodingKeys: String, CodingKey { case since, until }

        package func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(since, forKey: .since)
            try container.encode(until, forKey: .until)
        }
    }
    package struct Counts: Sendable, Equatable, Encodable {
        package var tasks: Int
        package var ai: Int
        package var human: Int
        package var bots: Int
        /// Tasks on prototype branches, left out of the speedups (encoded only when there are some).
        package var prototypes: Int = 0

        enum CodingKeys: String, CodingKey { case tasks, ai, human, bots, prototypes }

        package func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(tasks, forKey: .tasks)
            try container.encode(ai, forKey: .ai)
            try container.encode(human, forKey: .human)
            try container.encode(bots, forKey: .bots)
            if prototypes > 0 { try container.encode(prototypes, forKey: .prototypes) }
        }
    }

    package var period: Period
    package var counts: Counts
    package var categories: [GroupFigures]
    package var zones: [GroupFigures]
    package var endToEnd: EndToEnd
    package var calibration: Calibration
    package var aiShare: AIShare
    package var review: ReviewFigures
    package var lowConfidence: [TaskReference]
    /// Every week of the period: tasks, AI tasks, effort, AI share of lines, hours saved.
    package var weeks: [Weekly.WeekFigures]
    package var assumptions: [String]
    package var reading: [String]
    /// How many AI-assisted tasks rest on weak link evidence only (`--min-evidence`).
    package var evidence: EvidenceSummary
    /// Set by the command when it knows whose logs are present.
    package var coverage: Coverage?
    /// Only with `--by-person`, and only for 3 people or more.
    package var people: [PersonFigures]?
    /// Only with `--review`: how often each review check fired on AI and human work, and rework afterwards.
    package var reviewChecks: [ReviewCheckFigures]?

    enum CodingKeys: String, CodingKey {
        case period, counts, categories, zones, endToEnd, calibration, aiShare, review, lowConfidence, weeks, assumptions
        case reading, evidence, coverage, people, reviewChecks
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(period, forKey: .period)
        try container.encode(counts, forKey: .counts)
        try container.encode(categories, forKey: .categories)
        try container.encode(zones, forKey: .zones)
        try container.encode(endToEnd, forKey: .endToEnd)
        try container.encode(calibration, forKey: .calibration)
        try container.encode(aiShare, forKey: .aiShare)
        try container.encode(review, forKey: .review)
        try container.encode(lowConfidence, forKey: .lowConfidence)
        try container.encode(weeks, forKey: .weeks)
        try container.encode(assumptions, forKey: .assumptions)
        try container.encode(reading, forKey: .reading)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(coverage, forKey: .coverage)
        if let people { try container.encode(people, forKey: .people) }
        if let reviewChecks { try container.encode(reviewChecks, forKey: .reviewChecks) }
    }
}
