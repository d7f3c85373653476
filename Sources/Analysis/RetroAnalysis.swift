import Foundation
import Model
import Support

/// Computes a `Retro` from tasks: pure, deterministic (fixed bootstrap seed).
package struct RetroAnalysis: Sendable {
    package var settings: Settings
    package var speedup: Speedup
    /// Which session links count (`--min-evidence`).
    package var minimumEvidence: MinimumEvidence

    package init(settings: Settings = Settings(), speedup: Speedup = Speedup(), minimumEvidence: MinimumEvidence = .weak) {
        self.settings = settings
        self.speedup = speedup
        self.minimumEvidence = minimumEvidence
    }

    /// Whether nothing is known of the tasks' review: they have pull requests, and every one's export
    /// has no reviews and no time log names its review hours (GitLab's list, gh without `reviews`).
    func reviewUnknown(_ tasks: [WorkTask]) -> Bool {
        let merged = tasks.filter { $0.pullRequest != nil }
        return !merged.isEmpty && merged.allSatisfy { $0.reviewRounds == nil && $0.reviewerHours == nil }
    }

    /// Reviewer effort of a task: logged review hours, else review rounds × the review minutes.
    package func reviewerHours(_ task: WorkTask) -> Double {
        task.reviewerHours ?? Double(task.reviewRounds ?? 0) * settings.reviewMinutes / 60
    }

    package func run(_ all: [WorkTask], since: String?, until: String?) -> Retro {
        let people = all.filter { !$0.bot }
        // Prototype work is reported apart (`report practices`) and left out of the speedups.
        let prototypes = people.filter { settings.isPrototype(branch: $0.branch) }
        let (tasks, evidence) = EvidenceSummary.apply(
            prototypes.isEmpty ? people : people.filter { !settings.isPrototype(branch: $0.branch) }, minimum: minimumEvidence)
        var byCategory: [Category: (ai: [WorkTask], human: [WorkTask])] = [:]
        for task in tasks {
            if task.ai { byCategory[task.category, default: ([], [])].ai.append(task) } else {
                byCategory[task.category, default: ([], [])].human.append(task)
            }
        }
        // Each category is resampled once, on every core; ratios, zones and the end-to-end
        // sum all come from those resamples.
        let present = Category.allCases.enumerated().filter { byCategory[$0.element] != nil }
        let resampled = Parallel.map(present, minimumPerChunk: 1) { offset, category -> (Category, Speedup.Draws?) in
            let group = byCategory[category] ?? ([], [])
            return (category, speedup.draws(ai: group.ai.map(\.effortHours), human: group.human.map(\.effortHours), salt: UInt64(offset + 1)))
        }
        // The headline: the ratio of geometric means, which covered the planted ratios best on the
        // simulated teams (METHOD.md, Speedup); the regression adjusted for size and person stays
        // beside it as a check.
        var draws: [Category: Speedup.Draws] = [:]
        for (category, sample) in resampled { if let sample { draws[category] = sample } }
        let adjusted = speedup.adjustedDraws(tasks.map {
            Speedup.AdjustedTask(effort: $0.effortHours, category: $0.category, ai: $0.ai, person: $0.author, files: $0.filesTouched)
        })

        var categories: [GroupFigures] = []
        for (_, category) in present {
            let group = byCategory[category] ?? ([], [])
            var figures = self.figures(
                ai: group.ai, human: group.human, zone: category.zone.rawValue, estimate: draws[category].map(speedup.ratio),
                adjusted: adjusted[category].map(speedup.ratio))
            figures.category = category.rawValue
            categories.append(figures)
        }
        var zones: [GroupFigures] = []
        for zone in Zone.allCases {
            let members = Category.allCases.filter { $0.zone == zone }
            let ai = members.flatMap { byCategory[$0]?.ai ?? [] }
            let human = members.flatMap { byCategory[$0]?.human ?? [] }
            guard !ai.isEmpty || !human.isEmpty else { continue }
            // A zone's ratio is the effort-weighted sum over its categories, not a pooled ratio.
            let estimate = speedup.weighted(members.compactMap { draws[$0] })
            zones.append(figures(
                ai: ai, human: human, zone: zone.rawValue, estimate: estimate,
                adjusted: speedup.weighted(members.compactMap { adjusted[$0] })))
        }
        let usable = Category.allCases.filter { draws[$0] != nil }
        let total = speedup.weighted(usable.compactMap { draws[$0] })
        let adjustedTotal = speedup.weighted(usable.compactMap { adjusted[$0] })
        let endToEnd = EndToEnd(
            ratio: total.map { Self.round($0.ratio) }, ratioLow: total.map { Self.round($0.low) },
            ratioHigh: total.map { Self.round($0.high) }, timeSaved: total.map { Self.round(1 - $0.ratio) },
            categories: usable.map(\.rawValue), adjustedRatio: adjustedTotal.map { Self.round($0.ratio) },
            adjustedRatioLow: adjustedTotal.map { Self.round($0.low) }, adjustedRatioHigh: adjustedTotal.map { Self.round($0.high) })

        let calibration = Self.calibration(tasks)
        let linesAdded = tasks.reduce(0) { $0 + $1.linesAdded }
        let aiLines = tasks.reduce(0) { $0 + $1.aiLinesAdded }
        let aiShare = AIShare(
            linesAdded: linesAdded, aiLinesAdded: aiLines,
            share: linesAdded > 0 ? Self.round(Double(aiLines) / Double(linesAdded)) : nil)
        let review = reviewFigures(tasks)
        // Sorted as (confidence, id, position) triples: the tasks themselves are too large to move.
        var doubtful: [(confidence: Double, id: String, index: Int)] = []
        for index in tasks.indices where !tasks[index].labelled && (tasks[index].category == .unclassified || tasks[index].confidence < 0.5) {
            doubtful.append((tasks[index].confidence, tasks[index].id, index))
        }
        let lowConfidence = doubtful.sorted { ($0.confidence, $0.id) < ($1.confidence, $1.id) }.prefix(15).map { entry in
            let task = tasks[entry.index]
            return TaskReference(
                id: task.id, title: task.title, category: task.category.rawValue, confidence: Self.round(task.confidence), ai: task.ai)
        }
        var retro = Retro(
            period: Retro.Period(since: since, until: until),
            counts: Retro.Counts(
                tasks: all.count, ai: tasks.filter(\.ai).count, human: tasks.filter { !$0.ai }.count,
                bots: all.count - people.count, prototypes: prototypes.count),
            categories: categories, zones: zones, endToEnd: endToEnd, calibration: calibration, aiShare: aiShare,
            review: review, lowConfidence: Array(lowConfidence),
            weeks: Self.weeks(tasks, ratios: draws.mapValues { exp($0.point.meanLogAI - $0.point.meanLogHuman) }),
            assumptions: assumptions(calibration), reading: [], evidence: evidence, coverage: nil, people: nil)
        retro.reading = Reading.sentences(retro)
        // An export without reviews (GitLab's list, gh without `reviews`) says nothing of review.
        let unreviewed = tasks.filter { $0.pullRequest != nil && $0.reviewRounds == nil && $0.reviewerHours == nil }.count
        if unreviewed > 0 {
            retro.assumptions.append(
                "\(unreviewed) pull request\(unreviewed == 1 ? "'s" : "s'") export\(unreviewed == 1 ? " has" : "s have") no reviews "
                    + "(GitLab's merge-request list, or gh without the reviews field): their review rounds and reviewer time are "
                    + "unknown, left out of the mean rounds; where every pull request of a side is such, its reviewer hours and "
                    + "review share read 'unknown', else those pull requests count as no reviewer time.")
        }
        if !prototypes.isEmpty {
            let line = "\(prototypes.count) task\(prototypes.count == 1 ? "" : "s") on prototype branches ("
                + (Settings.standardPrototypeBranches + settings.prototypeBranches).joined(separator: ", ")
                + ") left out of these speedups; 'multiplier report practices' reports them apart."
            retro.reading.append(line)
            retro.assumptions.append(line)
        }
        return retro
    }

    /// The figures of one group of AI and human tasks, with its ratio estimate if it has one.
    func figures(ai: [WorkTask], human: [WorkTask], zone: String, estimate: RatioEstimate?, adjusted: RatioEstimate? = nil) -> GroupFigures {
        let sized = estimate == nil ? nil : Speedup.sizeMatched(
            ai: ai.map { ($0.effortHours, $0.filesTouched) }, human: human.map { ($0.effortHours, $0.filesTouched) })
        let within = estimate == nil ? nil : Speedup.withinPerson(
            ai: ai.map { ($0.effortHours, $0.author) }, human: human.map { ($0.effortHours, $0.author) })
        return GroupFigures(
            category: nil, zone: zone, nAI: ai.count, nHuman: human.count, ratio: estimate.map { Self.round($0.ratio) },
            ratioLow: estimate.map { Self.round($0.low) }, ratioHigh: estimate.map { Self.round($0.high) },
            timeSaved: estimate.map { Self.round(1 - $0.ratio) }, multiplier: estimate.map { Self.round(1 / $0.ratio) },
            adjustedRatio: adjusted.map { Self.round($0.ratio) }, adjustedRatioLow: adjusted.map { Self.round($0.low) },
            adjustedRatioHigh: adjusted.map { Self.round($0.high) },
            sizeMatchedRatio: sized.map(Self.round),
            sizeMatchedDisagrees: sized.flatMap { value in estimate.map { value < $0.low || value > $0.high } },
            withinPersonRatio: within.map { Self.round($0.ratio) }, withinPersonPeople: within?.people ?? 0,
            withinPersonDisagrees: within.flatMap { value in estimate.map { value.ratio < $0.low || value.ratio > $0.high } },
            reworkShareAI: reworkShare(ai), reworkShareHuman: reworkShare(human), churnAI: Self.churn(ai),
            churnHuman: Self.churn(human), effortHoursAI: Self.round(ai.reduce(0) { $0 + $1.effortHours }),
            effortHoursHuman: Self.round(human.reduce(0) { $0 + $1.effortHours }))
    }

    /// (rework effort + reviewer effort) / (task effort + reviewer effort); nil without effort.
    func reworkShare(_ tasks: [WorkTask]) -> Double? {
        let reviewer = tasks.reduce(0) { $0 + reviewerHours($1) }
        let effort = tasks.reduce(0) { $0 + $1.effortHours }
        let rework = tasks.reduce(0) { $0 + $1.reworkHours }
        guard effort + reviewer > 0 else { return nil }
        return Self.round((rework + reviewer) / (effort + reviewer))
    }

    static func churn(_ tasks: [WorkTask]) -> Double? {
        let added = tasks.reduce(0) { $0 + $1.linesAdded }
        guard added > 0 else { return nil }
        return round(Double(tasks.reduce(0) { $0 + $1.churnedLines }) / Double(added))
    }

    static func calibration(_ tasks: [WorkTask]) -> Calibration {
        let pairs = tasks.filter { $0.ai && $0.activeSeconds > 0 && $0.effortHours > 0 && $0.effortSource == "git" }
            .map { ($0.effortHours, Double($0.activeSeconds) / 3600) }
        guard pairs.count >= Speedup.minimumTasks else { return Calibration(spearman: nil, medianRatio: nil, n: pairs.count) }
        return Calibration(
            spearman: Statistics.spearman(pairs.map(\.0), pairs.map(\.1)).map(round),
            medianRatio: Statistics.median(pairs.map { $0.0 / $0.1 }).map(round), n: pairs.count)
    }

    func reviewFigures(_ tasks: [WorkTask]) -> ReviewFigures {
        let ai = tasks.filter(\.ai)
        let human = tasks.filter { !$0.ai }
        func median(_ values: [Double?]) -> Double? { Statistics.median(values.compactMap { $0 }).map(Self.round) }
        func rounds(_ tasks: [WorkTask]) -> Double? {
            let values = tasks.compactMap(\.reviewRounds)
            return values.isEmpty ? nil : Self.round(Double(values.reduce(0, +)) / Double(values.count))
        }
        return ReviewFigures(
            reworkShareAI: reviewUnknown(ai) ? nil : reworkShare(ai), reworkShareHuman: reviewUnknown(human) ? nil : reworkShare(human),
            reviewerHoursAI: reviewUnknown(ai) ? nil : Self.round(ai.reduce(0) { $0 + reviewerHours($1) }),
            reviewerHoursHuman: reviewUnknown(human) ? nil : Self.round(human.reduce(0) { $0 + reviewerHours($1) }),
            medianFirstReviewWaitHoursAI: median(ai.map(\.firstReviewWaitHours)),
            medianFirstReviewWaitHoursHuman: median(human.map(\.firstReviewWaitHours)),
            medianMergeWaitHoursAI: median(ai.map(\.mergeWaitHours)),
            medianMergeWaitHoursHuman: median(human.map(\.mergeWaitHours)), meanReviewRoundsAI: rounds(ai),
            meanReviewRoundsHuman: rounds(human), pullRequestsAI: ai.filter { $0.pullRequest != nil }.count,
            pullRequestsHuman: human.filter { $0.pullRequest != nil }.count, reviewMinutesPerRound: settings.reviewMinutes)
    }

    func assumptions(_ calibration: Calibration) -> [String] {
        [
            "These are observational figures from the team's own history, not a randomised trial: AI and human tasks may differ in ways the categories do not capture.",
            "Effort is the git estimator (each commit earns the gap since its author's previous commit up to \(Self.text(settings.maximumCommitGapHours)) h, else a \(Self.text(settings.leadInMinutes)) min lead-in), or a time log's hours where one names the task; the same for AI and human tasks.",
            "Reviewer effort is logged review time where a time log has it, else \(Self.text(settings.reviewMinutes)) minutes per review round.",
            "Ratios are AI effort over human effort (geometric means); intervals are 95% percentile bootstraps of 2,000 resamples with a fixed seed; fewer than \(Speedup.minimumTasks) tasks on either side print no figure. Beside each, as a check, the ratio adjusted for task size (files touched) and person by one regression of log effort over all tasks.",
            "Churn counts lines deleted again by other tasks within \(Self.text(settings.churnDays)) days.",
        ]
    }

    /// How far to trust the git estimator, in one sentence (every report states it).
    static func calibrationSentence(_ calibration: Calibration) -> String {
        guard let spearman = calibration.spearman, let median = calibration.medianRatio else {
            return "Calibration: too few AI tasks with measured session time (\(calibration.n)) to say how well the git estimator tracks measured time."
        }
        return "Calibration over the whole history: the git estimate against measured session time on \(calibration.n) AI tasks, Spearman \(String(format: "%.2f", spearman)), median estimate / measured \(String(format: "%.2f", median))."
    }

    static func text(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Four decimals: stable across platforms, enough for every printed figure.
    static func round(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
