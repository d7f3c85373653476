import Foundation
import Model
import Support

/// One task of a backlog to forecast.
package struct BacklogItem: Sendable, Equatable {
    package enum AIChoice: String, Sendable { case yes, no, auto }
    package var id: String
    package var title: String
    package var category: Category
    /// The category came from the classifier (the backlog left it empty).
    package var classified: Bool
    package var estimateHours: Double
    package var ai: AIChoice

    /// The largest estimate a task may have (`TimeEntry.maximumEstimateHours`, 50 person-years).
    package static let maximumEstimateHours = TimeEntry.maximumEstimateHours

    package init(id: String, title: String, category: Category, classified: Bool, estimateHours: Double, ai: AIChoice) {
        self.id = id
        self.title = title
        self.category = category
        self.classified = classified
        self.estimateHours = estimateHours
        self.ai = ai
    }
}

/// P50, P80 and P95 of total hours and of weeks at the capacity.
package struct Percentiles: Sendable, Equatable, Encodable {
    package var p50Hours: Double
    package var p80Hours: Double
    package var p95Hours: Double
    package var p50Weeks: Double
    package var p80Weeks: Double
    package var p95Weeks: Double
}

/// METHOD.md's forecast: Monte Carlo over the backlog with the team's own distributions.
package struct Forecast: Sendable, Equatable, Encodable {
    package struct CategoryLine: Sendable, Equatable, Encodable {
        package var category: String
        package var zone: String
        package var tasks: Int
        package var aiTasks: Int
        package var estimatedHours: Double
        package var expectedHoursWithAI: Double
        package var expectedHoursAllHuman: Double
        /// This category's share of the variance of the total (with AI).
        package var uncertaintyShare: Double
        /// Which history the distributions came from: the category, its zone, or all tasks; and how many tasks.
        package var basis: String
    }
    package struct Risk: Sendable, Equatable, Encodable {
        package var id: String
        package var title: String
        package var category: String
        package var estimateHours: Double
        package var p95Hours: Double
        package var uncertaintyShare: Double
    }

    package var runs: Int
    package var seed: UInt64
    package var tasks: Int
    package var capacityHoursPerWeek: Double
    package var capacitySource: String
    package var withAI: Percentiles
    package var allHuman: Percentiles
    /// All-human minus with-AI, per percentile.
    package var difference: Percentiles
    package var categories: [CategoryLine]
    package var risks: [Risk]
    /// Probability of being done by the end of week n (n = 1, 2, …), for both plans.
    package var completionByWeekWithAI: [Double]
    package var completionByWeekAllHuman: [Double]
    /// The same probabilities on a finer scale that suits the backlog's span (see `Completion`).
    package var completion: Completion
    package var assumptions: [String]

    /// The probability of being done after each step of elapsed working time, for both plans,
    /// over the span where the runs finish: working days (capacity / 5 team hours each) when
    /// the runs spread over 8 days or more, else working hours (capacity / 40 each).
    package struct Completion: Sendable, Equatable, Encodable {
        /// "working day" or "working hour".
        package var unit: String
        /// Team hours of work one unit holds at the forecast's capacity.
        package var teamHoursPerUnit: Double
        /// Elapsed units from the start; the probabilities below are of being done by each.
        package var steps: [Double]
        package var withAI: [Double]
        package var allHuman: [Double]

        /// Steps from below the fastest run to above the slowest, at most about 40 of them, whatever
        /// the span: the work is the same for a backlog of a day and one of a thousand years.
        static func make(withAI: [Double], allHuman: [Double], capacity: Double) -> Completion {
            guard let fastest = [withAI.first, allHuman.first].compactMap({ $0 }).min(),
                let slowest = [withAI.last, allHuman.last].compactMap({ $0 }).max(), capacity > 0,
                fastest.isFinite, slowest.isFinite, capacity.isFinite
            else { return Completion(unit: "working day", teamHoursPerUnit: 0, steps: [], withAI: [], allHuman: []) }
            let day = capacity / 5
            let days = slowest / day - fastest / day >= 8
            let perUnit = days ? day : capacity / 40
            let span = max(slowest - fastest, perUnit) / perUnit
            let step = Self.step(span: span)
            let start = max(0, (fastest / perUnit / step).rounded(.down) * step)
            let end = max(start + step, (slowest / perUnit / step).rounded(.up) * step)
            // Counted, not strided: a start so large that adding a step does not change it cannot loop.
            let count = min(Int(((end - start) / step).rounded()), 64)
            let steps = (0...max(count, 0)).map { start + Double($0) * step }
            func probabilities(_ sorted: [Double]) -> [Double] {
                var index = 0
                return steps.map { units in
                    while index < sorted.count && sorted[index] <= units * perUnit + 1e-9 { index += 1 }
                    return sorted.isEmpty ? 0 : RetroAnalysis.round(Double(index) / Double(sorted.count))
                }
            }
            return Completion(
                unit: days ? "working day" : "working hour", teamHoursPerUnit: RetroAnalysis.round(perUnit), steps: steps,
                withAI: probabilities(withAI), allHuman: probabilities(allHuman))
        }

        /// A round step (1, 2, 4, 5, 10, 20, 25, 50, … then 1, 2 or 5 times a power of ten) that
        /// cuts `span` units into at most 40.
        static func step(span: Double) -> Double {
            if let step = [1.0, 2, 4, 5, 10, 20, 25, 50, 100, 200, 500, 1000].first(where: { span / $0 <= 40 }) { return step }
            let least = span / 40
            let power = pow(10, (log10(least)).rounded(.down))
            return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= least } ?? 10 * power
        }
    }
}

/// The team's distributions per category, with fallbacks to the zone and to all tasks.
package struct ForecastModel: Sendable {
    package static let minimumSample = 5
    /// The team hours a week a forecast may be given (`plan --capacity`, the MCP tool's `capacity_hours`).
    package static let capacityRange: ClosedRange<Double> = 0.001...100_000

    /// Review overhead of a group of tasks: Σ (effort + reviewer hours) / Σ work before rework.
    /// A ratio of sums, because per task it has a long tail (a small first pass with a large
    /// rework) that would widen every forecast; its spread per task is in the estimate error.
    struct Overhead: Sendable {
        var tasks: Int
        var factor: Double
    }

    struct Distribution: Sendable {
        var ratios: [Double]
        var overheadAI: Overhead
        var overheadHuman: Overhead
        /// Estimate errors (actual / estimate) with their estimates as weights, cumulated:
        /// drawing an error in proportion to its estimate keeps the expected total equal to
        /// Σ actual / Σ estimate, where drawing uniformly would let small tasks' large
        /// relative errors inflate every forecast.
        var errors: WeightedSample
        var basis: String
    }

    let byCategory: [Category: Distribution]
    /// The history window the model was built from, for the assumptions.
    let historyTasks: Int
    let historyFrom: Int64?
    let historyTo: Int64?
    let reviewMinutes: Double

    /// Builds the distributions from finished tasks (bots left out).
    package init(history all: [WorkTask], settings: Settings = Settings(), speedup: Speedup = Speedup(resamples: 1000)) {
        let history = all.filter { !$0.bot && $0.effortHours > 0 }
        historyTasks = history.count
        historyFrom = history.map(\.end).min()
        historyTo = history.map(\.end).max()
        reviewMinutes = settings.reviewMinutes
        // The factor that turns work before rework into work plus rework plus review. (One plus the
        // overhead share would fall short: the share is of the total, not of the first pass.)
        func overhead(_ tasks: [WorkTask]) -> Overhead {
            var total = 0.0
            var base = 0.0
            for task in tasks {
                total += task.effortHours + (task.reviewerHours ?? Double(task.reviewRounds ?? 0) * settings.reviewMinutes / 60)
                base += max(task.effortHours - task.reworkHours, 0)
            }
            return Overhead(tasks: tasks.count, factor: base > 0 ? total / base : 1)
        }
        func ratios(_ tasks: [WorkTask], salt: UInt64) -> [Double] {
            guard let draws = speedup.draws(
                ai: tasks.filter(\.ai).map(\.effortHours), human: tasks.filter { !$0.ai }.map(\.effortHours), salt: salt)
            else { return [] }
            return speedup.ratioValues(draws)
        }
        func errors(_ tasks: [WorkTask], ratio: Double) -> WeightedSample {
            // Actual over estimate, in human-equivalent hours of work before rework (an AI task's
            // divided by the ratio; rework comes back with the overhead share).
            let pairs = tasks.compactMap { task -> (Double, Double)? in
                guard let estimate = task.estimateHours, estimate > 0 else { return nil }
                let base = max(task.effortHours - task.reworkHours, 0)
                return ((task.ai ? base / ratio : base) / estimate, estimate)
            }
            if pairs.count >= Self.minimumSample { return WeightedSample(pairs) }
            // No estimates: the spread of the human efforts around their geometric mean.
            let human = tasks.filter { !$0.ai }.map(\.effortHours)
            guard human.count >= Self.minimumSample, let center = Statistics.geometricMean(human) else { return WeightedSample([]) }
            return WeightedSample(human.map { ($0 / center, 1) })
        }
        let allRatios = ratios(history, salt: 900)
        let everything = Distribution(
            ratios: allRatios, overheadAI: overhead(history.filter(\.ai)), overheadHuman: overhead(history.filter { !$0.ai }),
            errors: errors(history, ratio: Statistics.median(allRatios) ?? 1), basis: "all tasks (\(history.count))")
        var zones: [Zone: Distribution] = [:]
        for (offset, zone) in Zone.allCases.enumerated() {
            let members = history.filter { $0.category.zone == zone }
            let zoneRatios = ratios(members, salt: 800 + UInt64(offset))
            zones[zone] = Distribution(
                ratios: zoneRatios, overheadAI: overhead(members.filter(\.ai)),
                overheadHuman: overhead(members.filter { !$0.ai }),
                errors: errors(members, ratio: Statistics.median(zoneRatios) ?? 1), basis: "the \(zone.rawValue) zone (\(members.count))")
        }
        var result: [Category: Distribution] = [:]
        for (offset, category) in Category.allCases.enumerated() {
            let members = history.filter { $0.category == category }
            let own = ratios(members, salt: UInt64(offset + 1))
            var distribution = Distribution(
                ratios: own, overheadAI: overhead(members.filter(\.ai)), overheadHuman: overhead(members.filter { !$0.ai }),
                errors: errors(members, ratio: Statistics.median(own) ?? 1), basis: "\(category.rawValue) (\(members.count))")
            var fallbacks: [String] = []
            for (level, fallback) in [zones[category.zone], everything].compactMap({ $0 }).enumerated() {
                // A ratio is borrowed from the zone only: the two zones are where AI is known to help
                // and where it helps little, so a ratio pooled over both would claim for weak-zone work
                // (or deny for strength-zone work) what the retro, per zone, finds no data for.
                if level == 0, distribution.ratios.isEmpty, !fallback.ratios.isEmpty {
                    distribution.ratios = fallback.ratios
                    fallbacks.append("ratio from \(fallback.basis)")
                }
                if distribution.errors.values.count < Self.minimumSample, fallback.errors.values.count >= Self.minimumSample {
                    distribution.errors = fallback.errors
                    fallbacks.append("estimate error from \(fallback.basis)")
                }
                if distribution.overheadAI.tasks < Self.minimumSample, fallback.overheadAI.tasks >= Self.minimumSample {
                    distribution.overheadAI = fallback.overheadAI
                }
                if distribution.overheadHuman.tasks < Self.minimumSample, fallback.overheadHuman.tasks >= Self.minimumSample {
                    distribution.overheadHuman = fallback.overheadHuman
                }
            }
            // Without AI (or human) tasks enough to measure their overhead anywhere, the history
            // shows no difference between the two: both sides take the one that was measured (a
            // factor of 1 for the side with no tasks would make AI "save" or "cost" the other
            // side's whole rework and review).
            if distribution.overheadAI.tasks < Self.minimumSample || distribution.overheadHuman.tasks < Self.minimumSample {
                let pooled = overhead(members.isEmpty ? history : members)
                let measured = [distribution.overheadAI, distribution.overheadHuman, pooled]
                    .first { $0.tasks >= Self.minimumSample } ?? pooled
                if distribution.overheadAI.tasks < Self.minimumSample { distribution.overheadAI = measured }
                if distribution.overheadHuman.tasks < Self.minimumSample { distribution.overheadHuman = measured }
                if distribution.overheadAI.factor == distribution.overheadHuman.factor {
                    fallbacks.append("no AI/human difference in review overhead measured, the same factor for both")
                }
            }
            if distribution.ratios.isEmpty {
                fallbacks.append("no AI/human ratio in any history, 1 assumed")
                // No measured ratio: AI work is forecast as human work, overhead included.
                distribution.overheadAI = distribution.overheadHuman
            }
            if distribution.errors.values.count < Self.minimumSample {
                fallbacks.append("no estimate error in any history, estimates taken as they are")
            }
            if !fallbacks.isEmpty { distribution.basis += "; too little data: " + fallbacks.joined(separator: ", ") }
            result[category] = distribution
        }
        byCategory = result
    }

    /// Whether history shows a saving in the category (`ai auto`): the median ratio below 1.
    package func savesTime(_ category: Category) -> Bool {
        (Statistics.median(byCategory[category]?.ratios ?? []) ?? 1) < 1
    }

    /// Runs the forecast.
    package func run(
        _ backlog: [BacklogItem], capacity: Double, capacitySource: String, runs: Int = 10_000, seed: UInt64 = 1
    ) -> Forecast {
        struct Prepared {
            var estimate: Double
            var ai: Bool
            /// Index into `categoryRatios`: the ratio this run drew for the task's category.
            var ratioGroup: Int
            var overheadAI: Double
            var overheadHuman: Double
            var errors: WeightedSample
        }
        // A category's ratio is one unknown figure, so a run draws it once for all of the
        // category's tasks; drawn per task, its uncertainty would average away over a backlog.
        let backlogCategories = Array(Set(backlog.map(\.category))).sorted { $0.rawValue < $1.rawValue }
        let categoryRatios = backlogCategories.map { byCategory[$0]?.ratios ?? [] }
        let groupOf = Dictionary(uniqueKeysWithValues: backlogCategories.enumerated().map { ($1, $0) })
        let prepared = backlog.map { item -> Prepared in
            let distribution = byCategory[item.category]
            let ai = item.ai == .yes || (item.ai == .auto && savesTime(item.category))
            return Prepared(
                estimate: item.estimateHours, ai: ai, ratioGroup: groupOf[item.category] ?? 0,
                overheadAI: distribution?.overheadAI.factor ?? 1, overheadHuman: distribution?.overheadHuman.factor ?? 1,
                errors: distribution?.errors ?? WeightedSample([]))
        }
        var generator = SeededGenerator(seed: seed)
        var withAI = [Double](repeating: 0, count: runs)
        var allHuman = [Double](repeating: 0, count: runs)
        var taskSum = [Double](repeating: 0, count: prepared.count)
        var taskSquares = [Double](repeating: 0, count: prepared.count)
        var taskSumHuman = [Double](repeating: 0, count: prepared.count)
        var taskSamples = [[Double]](repeating: [], count: 0)
        let keepSamples = prepared.count <= 2000
        if keepSamples { taskSamples = [[Double]](repeating: [], count: prepared.count) }
        func draw(_ values: [Double], _ generator: inout SeededGenerator, default fallback: Double) -> Double {
            values.isEmpty ? fallback : values[generator.index(below: values.count)]
        }
        var runRatios = [Double](repeating: 1, count: categoryRatios.count)
        for run in 0..<runs {
            var totalAI = 0.0
            var totalHuman = 0.0
            for group in categoryRatios.indices { runRatios[group] = draw(categoryRatios[group], &generator, default: 1) }
            for (index, task) in prepared.enumerated() {
                // The same estimate error for both plans: their difference is then the AI effect alone.
                let error = task.errors.draw(&generator) ?? 1
                let human = task.estimate * error * task.overheadHuman
                var hours = human
                if task.ai {
                    hours = task.estimate * error * runRatios[task.ratioGroup] * task.overheadAI
                }
                totalAI += hours
                totalHuman += human
                taskSum[index] += hours
                taskSquares[index] += hours * hours
                taskSumHuman[index] += human
                if keepSamples && run < 2000 { taskSamples[index].append(hours) }
            }
            withAI[run] = totalAI
            allHuman[run] = totalHuman
        }
        withAI.sort()
        allHuman.sort()
        let capacity = max(capacity, 1e-9)
        func percentiles(_ sorted: [Double]) -> Percentiles {
            let p50 = Statistics.quantile(sorted: sorted, 0.5)
            let p80 = Statistics.quantile(sorted: sorted, 0.8)
            let p95 = Statistics.quantile(sorted: sorted, 0.95)
            return Percentiles(
                p50Hours: RetroAnalysis.round(p50), p80Hours: RetroAnalysis.round(p80), p95Hours: RetroAnalysis.round(p95),
                p50Weeks: RetroAnalysis.round(p50 / capacity), p80Weeks: RetroAnalysis.round(p80 / capacity),
                p95Weeks: RetroAnalysis.round(p95 / capacity))
        }
        let ai = runs > 0 ? percentiles(withAI) : Percentiles(p50Hours: 0, p80Hours: 0, p95Hours: 0, p50Weeks: 0, p80Weeks: 0, p95Weeks: 0)
        let human = runs > 0 ? percentiles(allHuman) : ai
        let variances = prepared.indices.map { index -> Double in
            guard runs > 0 else { return 0 }
            let mean = taskSum[index] / Double(runs)
            return max(0, taskSquares[index] / Double(runs) - mean * mean)
        }
        let totalVariance = max(variances.reduce(0, +), 1e-12)
        var categories: [Forecast.CategoryLine] = []
        for category in Category.allCases {
            let indexes = backlog.indices.filter { backlog[$0].category == category }
            guard !indexes.isEmpty else { continue }
            categories.append(
                Forecast.CategoryLine(
                    category: category.rawValue, zone: category.zone.rawValue, tasks: indexes.count,
                    aiTasks: indexes.filter { prepared[$0].ai }.count,
                    estimatedHours: RetroAnalysis.round(indexes.reduce(0) { $0 + backlog[$1].estimateHours }),
                    expectedHoursWithAI: RetroAnalysis.round(indexes.reduce(0) { $0 + taskSum[$1] } / Double(max(runs, 1))),
                    expectedHoursAllHuman: RetroAnalysis.round(indexes.reduce(0) { $0 + taskSumHuman[$1] } / Double(max(runs, 1))),
                    uncertaintyShare: RetroAnalysis.round(indexes.reduce(0) { $0 + variances[$1] } / totalVariance),
                    basis: byCategory[category]?.basis ?? "no history"))
        }
        let risks = backlog.indices.sorted { (variances[$0], backlog[$1].id) > (variances[$1], backlog[$0].id) }.prefix(5).map { index in
            Forecast.Risk(
                id: backlog[index].id, title: backlog[index].title, category: backlog[index].category.rawValue,
                estimateHours: backlog[index].estimateHours,
                p95Hours: RetroAnalysis.round(keepSamples ? Statistics.quantile(taskSamples[index], 0.95) ?? 0 : 0),
                uncertaintyShare: RetroAnalysis.round(variances[index] / totalVariance))
        }
        func completion(_ sorted: [Double]) -> [Double] {
            guard let last = sorted.last, runs > 0 else { return [] }
            // At most ten years of weeks, converted to Int only once it is that small.
            let span = (last / capacity).rounded(.up)
            let weeks = span.isFinite ? Int(min(520, max(1, span))) : 520
            var result: [Double] = []
            var index = 0
            for week in 1...max(1, weeks) {
                while index < sorted.count && sorted[index] <= Double(week) * capacity { index += 1 }
                result.append(RetroAnalysis.round(Double(index) / Double(sorted.count)))
            }
            return result
        }
        var assumptions = [
            "\(runs) Monte Carlo runs, seed \(seed): each task's hours are its estimate × its category's ratio, drawn once a run from the category's bootstrap distribution (1 without AI) × the category's review-overhead factor for AI or human work (Σ (work + rework + review) / Σ work before rework in its history) × an estimate error drawn from history (actual/estimate pairs of the time log, else the spread of the category's human efforts).",
            "History: \(historyTasks) finished tasks" + (historyFrom.map { " from \(Timestamp.iso8601($0))" } ?? "")
                + (historyTo.map { " to \(Timestamp.iso8601($0))" } ?? "") + ".",
            "Capacity: \(Format.fixed(capacity, 1)) hours a week (\(capacitySource)).",
            "Reviewer effort in the overhead: logged review time, else \(Format.fixed(reviewMinutes, 0)) minutes per review round.",
        ]
        let fallbacks = categories.filter { $0.basis.contains("too little data") }
        for line in fallbacks { assumptions.append("\(line.category): \(line.basis).") }
        let difference = Percentiles(
            p50Hours: RetroAnalysis.round(human.p50Hours - ai.p50Hours), p80Hours: RetroAnalysis.round(human.p80Hours - ai.p80Hours),
            p95Hours: RetroAnalysis.round(human.p95Hours - ai.p95Hours), p50Weeks: RetroAnalysis.round(human.p50Weeks - ai.p50Weeks),
            p80Weeks: RetroAnalysis.round(human.p80Weeks - ai.p80Weeks), p95Weeks: RetroAnalysis.round(human.p95Weeks - ai.p95Weeks))
        return Forecast(
            runs: runs, seed: seed, tasks: backlog.count, capacityHoursPerWeek: RetroAnalysis.round(capacity),
            capacitySource: capacitySource, withAI: ai, allHuman: human, difference: difference, categories: categories,
            risks: Array(risks), completionByWeekWithAI: completion(withAI), completionByWeekAllHuman: completion(allHuman),
            completion: runs > 0 ? .make(withAI: withAI, allHuman: allHuman, capacity: capacity)
                : .make(withAI: [], allHuman: [], capacity: capacity),
            assumptions: assumptions)
    }

    /// The team's recent weekly effort: the mean over the last four weeks with finished tasks before
    /// the week of the last task that ended by `now` (seconds since 1970). A task that ends after
    /// `now` is a commit dated by a wrong clock: counted, its week would be the last one, with
    /// nothing finished in the weeks before it. `capacityOption` is how the caller names the setting
    /// that gives the real hours (`--capacity` on the command line, the MCP tool's `'capacity_hours'`).
    package static func recentCapacity(
        _ tasks: [WorkTask], now: Int64, capacityOption: String = "--capacity"
    ) -> (hours: Double, source: String)? {
        let work = tasks.filter { !$0.bot && $0.end <= now }
        let future = tasks.filter { !$0.bot && $0.end > now }.count
        guard let last = work.map(\.end).max() else { return nil }
        // The week of the last task is usually still running: start from the one before.
        let lastWeek = ISOWeek(containing: last).adding(weeks: -1)
        var weeks: [Double] = []
        var gitHours = 0.0
        var week = lastWeek
        var looked = 0
        while weeks.count < 4 && looked < 26 {
            let finished = work.filter { $0.end >= week.start && $0.end < week.end }
            let hours = finished.reduce(0) { $0 + $1.effortHours }
            if hours > 0 {
                weeks.append(hours)
                gitHours += finished.filter { $0.effortSource == "git" }.reduce(0) { $0 + $1.effortHours }
            }
            week = week.adding(weeks: -1)
            looked += 1
        }
        guard !weeks.isEmpty else { return nil }
        let total = weeks.reduce(0, +)
        let mean = total / Double(weeks.count)
        let left = future == 0 ? "" : "; \(future) task\(future == 1 ? "" : "s") dated after now left out"
        // Git's estimate counts the time around commits, not every hour worked, while a backlog's
        // estimates are in hours worked: weeks at that capacity run long (a simulated team with no
        // time log: 4.8 times the weeks it took).
        let git = gitHours > total / 2
            ? "; mostly git-estimated effort, which leaves out hours away from commits: weeks are likely too long, give \(capacityOption) with the team's real hours"
            : ""
        return (mean, "the team's mean weekly effort over \(weeks.count) weeks with finished tasks up to \(lastWeek)\(left)\(git)")
    }
}

/// Values drawn with probability proportional to their weights.
struct WeightedSample: Sendable {
    let values: [Double]
    private let cumulative: [Double]

    init(_ pairs: [(value: Double, weight: Double)]) {
        values = pairs.map(\.value)
        var running = 0.0
        cumulative = pairs.map { pair in
            running += max(pair.weight, 0)
            return running
        }
    }

    /// One value, or nil when there are none.
    func draw(_ generator: inout SeededGenerator) -> Double? {
        guard let total = cumulative.last, total > 0 else { return nil }
        let target = generator.unit() * total
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
        }
        return values[low]
    }
}

extension Speedup {
    /// The resampled ratios of a category, sorted: its bootstrap distribution.
    package func ratioValues(_ draws: Draws) -> [Double] {
        zip(draws.meanLogAI, draws.meanLogHuman).map { exp($0 - $1) }.sorted()
    }
}
