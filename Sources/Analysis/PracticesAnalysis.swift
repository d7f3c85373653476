import Foundation
import Model
import Support

/// Computes `Practices` from tasks, the sessions' workflow facts and the context-file history:
/// pure, deterministic (fixed bootstrap seeds). METHOD.md, "Ways of working", defines each figure.
package struct PracticesAnalysis: Sendable {
    /// Fewer tasks than this on a side: no interval for rework, churn or review rounds.
    package static let minimumTasks = 10
    /// A context-file change needs tasks finished in this many ISO weeks on each side.
    package static let minimumWeeks = 8
    /// Substantial context-file changes this many days apart or less are one episode.
    package static let foldDays = 14

    package var settings: Settings
    package var speedup: Speedup

    package init(settings: Settings = Settings(), speedup: Speedup = Speedup()) {
        self.settings = settings
        self.speedup = speedup
    }

    /// - Parameters:
    ///   - workflows: keyed "\(tool)/\(id)", as `SessionStore.workflows()` returns them.
    ///   - sessionStarts: a session's first event (any unit, compared only), same keys; orders a task's sessions.
    ///   - contextFiles: per repository root, its context-file history.
    package func run(
        _ all: [WorkTask], workflows: [String: SessionWorkflow], sessionStarts: [String: Int64] = [:],
        contextFiles: [String: ContextFiles], since: String? = nil, until: String? = nil
    ) -> Practices {
        let people = all.filter { !$0.bot }
        let prototypes = people.filter { settings.isPrototype(branch: $0.branch) }
        let tasks = people.filter { !settings.isPrototype(branch: $0.branch) }
        let ai = tasks.filter(\.ai)
        var planFirst: [WorkTask] = []
        var codeFirst: [WorkTask] = []
        var unknown = 0
        for task in ai {
            switch Self.start(of: task, workflows: workflows, sessionStarts: sessionStarts) {
            case .planFirst: planFirst.append(task)
            case .codeFirst: codeFirst.append(task)
            case .unknown: unknown += 1
            }
        }
        let planComparison = compare(planFirst, codeFirst, first: "plan-first", second: "code-first", salt: 1)

        var effects: [ContextFileEffect] = []
        var allChanges: [ContextFiles.Change] = []
        for repository in contextFiles.keys.sorted() {
            guard let history = contextFiles[repository] else { continue }
            allChanges += history.changes
            let episodes = Self.episodes(history.substantial)
            let members = tasks.filter { $0.repository == repository }
            for (index, episode) in episodes.enumerated() {
                guard let change = episode.first, let last = episode.last else { continue }
                let from = index > 0 ? episodes[index - 1].last?.time ?? Int64.min : Int64.min
                let to = index + 1 < episodes.count ? episodes[index + 1].first?.time ?? Int64.max : Int64.max
                // Before: finished before the change; after: started after it (and after the changes
                // folded into it). Tasks that span it are left out.
                let before = members.filter { $0.start >= from && $0.end < change.time }
                let after = members.filter { $0.start >= last.time && $0.end < to }
                let weeksBefore = Set(before.map { ISOWeek(containing: $0.end) }).count
                let weeksAfter = Set(after.map { ISOWeek(containing: $0.end) }).count
                var effect = ContextFileEffect(
                    change: change, folded: episode.dropFirst().map(\.commit), weeksBefore: weeksBefore, weeksAfter: weeksAfter,
                    comparison: nil, humanControl: nil, cannotTell: nil)
                if weeksBefore < Self.minimumWeeks || weeksAfter < Self.minimumWeeks {
                    effect.cannotTell =
                        "cannot tell: tasks finished in \(weeksBefore) weeks before and \(weeksAfter) after this change; "
                        + "an interrupted time series needs \(Self.minimumWeeks) on each side"
                } else {
                    let salt = UInt64(100 + 10 * effects.count)
                    effect.comparison = compare(
                        after.filter(\.ai), before.filter(\.ai), first: "after", second: "before", salt: salt)
                    effect.humanControl = effort(
                        after.filter { !$0.ai }, before.filter { !$0.ai }, first: "after", second: "before", salt: salt + 5)
                }
                effects.append(effect)
            }
        }
        let counts = Practices.Counts(
            tasks: tasks.count, ai: ai.count, bots: all.count - people.count, prototypes: prototypes.count,
            planFirst: planFirst.count, codeFirst: codeFirst.count, unknownStart: unknown)
        let prefixes = Settings.standardPrototypeBranches + settings.prototypeBranches
        let prototypeFigures = PrototypeFigures(
            tasks: prototypes.count, ai: prototypes.filter(\.ai).count,
            effortHours: RetroAnalysis.round(prototypes.reduce(0) { $0 + $1.effortHours }), prefixes: prefixes,
            branches: Array(Set(prototypes.compactMap(\.branch)).sorted().prefix(10)))
        var result = Practices(
            period: Retro.Period(since: since, until: until), counts: counts, planFirst: planComparison,
            contextFileChanges: allChanges, contextFiles: effects, prototypes: prototypeFigures,
            assumptions: assumptions(), reading: [])
        result.reading = Self.reading(result)
        return result
    }

    /// Substantial changes of a repository's context files grouped into episodes: a change within
    /// `foldDays` of the previous one belongs to its episode (a file created, then reworked the
    /// next day, is one change of practice, not two with nothing between them).
    package static func episodes(_ changes: [ContextFiles.Change]) -> [[ContextFiles.Change]] {
        var episodes: [[ContextFiles.Change]] = []
        for change in changes.sorted(by: { ($0.time, $0.path) < ($1.time, $1.path) }) {
            if let last = episodes.last?.last, change.time - last.time <= Int64(foldDays) * 86_400 {
                episodes[episodes.count - 1].append(change)
            } else {
                episodes.append([change])
            }
        }
        return episodes
    }

    /// A task's start: that of its earliest linked session (by first event) whose log tells.
    package static func start(
        of task: WorkTask, workflows: [String: SessionWorkflow], sessionStarts: [String: Int64]
    ) -> SessionWorkflow.Start {
        let keys = task.sessions.map { "\($0.tool)/\($0.id)" }
            .sorted { (sessionStarts[$0] ?? Int64.max, $0) < (sessionStarts[$1] ?? Int64.max, $1) }
        for key in keys {
            if let start = workflows[key]?.start, start != .unknown { return start }
        }
        return .unknown
    }

    /// The first group against the second on every figure.
    func compare(_ first: [WorkTask], _ second: [WorkTask], first a: String, second b: String, salt: UInt64) -> PracticeComparison {
        let analysis = RetroAnalysis(settings: settings, speedup: speedup)
        func rounds(_ tasks: [WorkTask]) -> Double? {
            let values = tasks.compactMap(\.reviewRounds)
            return values.count < Speedup.minimumTasks ? nil : Double(values.reduce(0, +)) / Double(values.count)
        }
        return PracticeComparison(
            first: a, second: b, nFirst: first.count, nSecond: second.count,
            effort: effort(first, second, first: a, second: b, salt: salt),
            reworkShare: difference(first, second, salt: salt + 1, unit: "points", statistic: analysis.reworkShare),
            churn: difference(first, second, salt: salt + 2, unit: "points", statistic: RetroAnalysis.churn),
            reviewRounds: difference(
                first, second, salt: salt + 3, unit: "rounds", missing: "no pull request to count review rounds on, on one side or both",
                statistic: rounds))
    }

    /// The effort ratio first / second: per category the speedup estimator's ratio of geometric
    /// means, summed with the retro's weights (`Speedup.weighted`), and its bootstrap interval.
    func effort(_ first: [WorkTask], _ second: [WorkTask], first a: String, second b: String, salt: UInt64) -> PracticeEffort {
        var draws: [Speedup.Draws] = []
        var categories: [String] = []
        for (offset, category) in Category.allCases.enumerated() {
            let x = first.filter { $0.category == category }.map(\.effortHours)
            let y = second.filter { $0.category == category }.map(\.effortHours)
            if let sample = speedup.draws(ai: x, human: y, salt: salt &* 64 &+ UInt64(offset + 1)) {
                draws.append(sample)
                categories.append(category.rawValue)
            }
        }
        guard let estimate = speedup.weighted(draws) else {
            return PracticeEffort(
                ratio: nil, ratioLow: nil, ratioHigh: nil, categories: [], sizeMatchedRatio: nil, sizeMatchedDisagrees: nil,
                withinPersonRatio: nil, withinPersonPeople: 0, withinPersonDisagrees: nil, verdict: .cannotTell,
                note: "cannot tell: no category has \(Speedup.minimumTasks) \(a) and \(Speedup.minimumTasks) \(b) tasks "
                    + "(\(first.count) and \(second.count) in all)")
        }
        let used = Set(categories)
        func bucket(_ files: Int) -> Int { files <= 1 ? 0 : files <= 3 ? 1 : files <= 7 ? 2 : 3 }
        let x = first.filter { used.contains($0.category.rawValue) }
        let y = second.filter { used.contains($0.category.rawValue) }
        let sized = Speedup.stratified(
            ai: x.map { ($0.effortHours, "\($0.category.rawValue)/\(bucket($0.filesTouched))") },
            human: y.map { ($0.effortHours, "\($0.category.rawValue)/\(bucket($0.filesTouched))") })?.ratio
        let within = Speedup.stratified(
            ai: x.map { ($0.effortHours, "\($0.category.rawValue)/\($0.author)") },
            human: y.map { ($0.effortHours, "\($0.category.rawValue)/\($0.author)") })
        let person = within.flatMap { $0.strata >= 2 ? $0 : nil }
        // The strata are (category, person) pairs with tasks on both sides; the figure counts people.
        func pairs(_ tasks: [WorkTask]) -> Set<[String]> { Set(tasks.filter { $0.effortHours > 0 }.map { [$0.category.rawValue, $0.author] }) }
        let people = Set(pairs(x).intersection(pairs(y)).map { $0[1] }).count
        let verdict: PracticeVerdict = estimate.high < 1 ? .lower : estimate.low > 1 ? .higher : .cannotTell
        let interval = "\(Self.fixed(estimate.low))–\(Self.fixed(estimate.high))"
        let note: String
        switch verdict {
        case .lower: note = "\(Self.phrase(a)) took less effort than \(Self.phrase(b)): ratio \(Self.fixed(estimate.ratio)) (95% interval \(interval))"
        case .higher: note = "\(Self.phrase(a)) took more effort than \(Self.phrase(b)): ratio \(Self.fixed(estimate.ratio)) (95% interval \(interval))"
        case .cannotTell: note = "cannot tell: ratio \(Self.fixed(estimate.ratio)), and its 95% interval \(interval) includes no difference"
        }
        return PracticeEffort(
            ratio: RetroAnalysis.round(estimate.ratio), ratioLow: RetroAnalysis.round(estimate.low),
            ratioHigh: RetroAnalysis.round(estimate.high), categories: categories, sizeMatchedRatio: sized.map(RetroAnalysis.round),
            sizeMatchedDisagrees: sized.map { $0 < estimate.low || $0 > estimate.high },
            withinPersonRatio: person.map { RetroAnalysis.round($0.ratio) }, withinPersonPeople: person == nil ? 0 : people,
            withinPersonDisagrees: person.map { $0.ratio < estimate.low || $0.ratio > estimate.high }, verdict: verdict, note: note)
    }

    /// A statistic of each group and the difference first − second, with a percentile bootstrap
    /// (2,000 resamples of each group, fixed seed); no interval with fewer than 10 tasks a side.
    /// - Parameter missing: why a side can have no figure, as the note says it.
    func difference(
        _ first: [WorkTask], _ second: [WorkTask], salt: UInt64, unit: String, missing: String = "a side without the figure",
        statistic: ([WorkTask]) -> Double?
    ) -> PracticeDifference {
        let a = statistic(first)
        let b = statistic(second)
        let point = a.flatMap { a in b.map { a - $0 } }
        let enough = first.count >= Self.minimumTasks && second.count >= Self.minimumTasks
        guard let point, enough else {
            // The reasons that hold: too few tasks on a side, a side without the figure, or both.
            return PracticeDifference(
                first: a.map(RetroAnalysis.round), second: b.map(RetroAnalysis.round), difference: point.map(RetroAnalysis.round),
                low: nil, high: nil, verdict: .cannotTell,
                note: "cannot tell: \(first.count) and \(second.count) tasks"
                    + (point == nil && !first.isEmpty && !second.isEmpty ? ", and \(missing)" : "")
                    + (enough ? "" : " (an interval needs \(Self.minimumTasks) on each side)"))
        }
        var generator = SeededGenerator(seed: speedup.seed ^ (salt &* 0xD1B5_4A32_D192_ED03))
        var values: [Double] = []
        values.reserveCapacity(speedup.resamples)
        var x = first
        var y = second
        for _ in 0..<speedup.resamples {
            for index in x.indices { x[index] = first[generator.index(below: first.count)] }
            for index in y.indices { y[index] = second[generator.index(below: second.count)] }
            if let p = statistic(x), let q = statistic(y) { values.append(p - q) }
        }
        values.sort()
        guard !values.isEmpty else {
            return PracticeDifference(
                first: a.map(RetroAnalysis.round), second: b.map(RetroAnalysis.round), difference: RetroAnalysis.round(point),
                low: nil, high: nil, verdict: .cannotTell, note: "cannot tell: no resample had the figure on both sides")
        }
        let low = Statistics.quantile(sorted: values, 0.025)
        let high = Statistics.quantile(sorted: values, 0.975)
        let verdict: PracticeVerdict = high < 0 ? .lower : low > 0 ? .higher : .cannotTell
        func shown(_ value: Double) -> String { unit == "points" ? Format.fixed(value * 100, 1) : Format.fixed(value, 2) }
        let interval = "\(shown(low)) to \(shown(high)) \(unit)"
        return PracticeDifference(
            first: a.map(RetroAnalysis.round), second: b.map(RetroAnalysis.round), difference: RetroAnalysis.round(point),
            low: RetroAnalysis.round(low), high: RetroAnalysis.round(high), verdict: verdict,
            note: verdict == .cannotTell
                ? "cannot tell: the 95% interval \(interval) includes no difference"
                : "\(verdict == .lower ? "lower" : "higher") by \(shown(abs(point))) \(unit) (95% interval \(interval))")
    }

    func assumptions() -> [String] {
        [
            "These are observational figures from the team's own history, not a randomised trial: people choose when to plan first, and a context file often changes when other things do.",
            "Only AI-assisted tasks are compared. A task is plan-first or code-first by the earliest of its linked sessions whose log tells; tasks whose sessions do not tell (or that have none) are counted and left out.",
            "Effort ratios compare within category (\(Speedup.minimumTasks) tasks or more on each side) and are summed with the retro's weights; intervals are 95% percentile bootstraps of 2,000 resamples with a fixed seed. 'Cannot tell' means the interval includes no difference (1 for ratios, 0 for differences) or the data are too thin: fewer than \(Speedup.minimumTasks) tasks a side in every category, or fewer than \(Self.minimumTasks) tasks a side for rework, churn and review rounds.",
            "A context-file change is substantial when it creates the file or changes at least \(ContextFiles.minimumLines) lines or \(Int(ContextFiles.minimumShare * 100))% of the file's lines; with the repository at hand, lines changed only in their endings or in spaces at their ends do not count, nor does a link to another context file. Each is an interrupted time series: tasks finished before it against tasks started after it (up to the neighbouring substantial change; changes within \(Self.foldDays) days of each other are one, and 'after' starts at the last of them), with tasks finished in at least \(Self.minimumWeeks) ISO weeks on each side; tasks without AI, compared the same way, show whether the team's pace changed too.",
            "Tasks on prototype branches (\((Settings.standardPrototypeBranches + settings.prototypeBranches).joined(separator: ", "))) are reported apart and left out of every comparison and of the retro's speedups.",
        ]
    }

    /// The plain sentences a reader takes away.
    static func reading(_ practices: Practices) -> [String] {
        var lines: [String] = []
        let plan = practices.planFirst
        lines.append(
            "Plan first against code first (\(plan.nFirst) and \(plan.nSecond) AI-assisted tasks; "
                + "\(practices.counts.unknownStart) whose logs do not tell left out): effort — \(plan.effort.note); "
                + "rework share — \(plan.reworkShare.note).")
        if practices.contextFiles.isEmpty {
            lines.append("Context files: no substantial change of a context file in the ingested history, so nothing to compare.")
        }
        for effect in practices.contextFiles {
            let name = "\(effect.change.path) (\(Self.day(effect.change.time)), \(effect.change.reason))"
            if let comparison = effect.comparison {
                var line = "After \(name) against before: effort of AI-assisted tasks — \(comparison.effort.note)."
                if let control = effect.humanControl, control.verdict != .cannotTell {
                    line += " Tasks without AI changed too (ratio \(control.ratio.map(Self.fixed) ?? "-")), so the team's pace moved as well, not only the file."
                }
                lines.append(line)
            } else {
                lines.append("\(name): \(effect.cannotTell ?? "cannot tell").")
            }
        }
        if practices.prototypes.tasks > 0 {
            lines.append(
                "\(practices.prototypes.tasks) tasks on prototype branches (\(practices.prototypes.ai) AI-assisted, "
                    + "\(fixed(practices.prototypes.effortHours)) h) are reported apart and left out of the speedups.")
        }
        return lines
    }

    /// A group's name in a sentence: "plan-first tasks", "tasks after the change".
    static func phrase(_ group: String) -> String {
        switch group {
        case "after": "tasks after the change"
        case "before": "tasks before it"
        default: "\(group) tasks"
        }
    }

    static func fixed(_ value: Double) -> String { Format.fixed(value, 2) }

    static func day(_ seconds: Int64) -> String {
        String(Timestamp.iso8601(seconds).prefix(10))
    }
}
