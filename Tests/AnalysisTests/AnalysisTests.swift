import Foundation
import Model
import Testing
@testable import Analysis

@Suite("Statistics")
struct StatisticsTests {
    @Test("geometric mean, median, quantiles")
    func basics() throws {
        #expect(abs((Statistics.geometricMean([1, 4, 16]) ?? 0) - 4) < 1e-12)
        #expect(Statistics.median([3, 1, 2, 10]) == 2.5)
        #expect(Statistics.quantile([1, 2, 3, 4, 5], 0.25) == 2)
        #expect(Statistics.geometricMean([]) == nil && Statistics.median([]) == nil)
    }

    @Test("Spearman: monotone is 1, reversed is -1, ties get average ranks, constant is nil")
    func spearman() {
        #expect(Statistics.spearman([1, 2, 3, 4], [10, 20, 30, 400]) == 1)
        #expect(Statistics.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
        #expect(Statistics.ranks([5, 1, 5, 2]) == [3.5, 1, 3.5, 2])
        #expect(Statistics.spearman([1, 1, 1], [1, 2, 3]) == nil)
    }

    @Test("the seeded generator gives the same sequence every time")
    func generator() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first[0] == 13_679_457_532_755_275_413)
    }

    @Test("a generator started some draws in continues the serial sequence exactly (the parallel bootstrap relies on it)")
    func skipping() {
        var serial = SeededGenerator(seed: 7)
        let sequence = (0..<1_000).map { _ in serial.next() }
        for start in [0, 1, 17, 999] {
            var skipped = SeededGenerator(seed: 7, skipping: start)
            #expect((start..<1_000).map { _ in skipped.next() } == Array(sequence[start...]))
        }
    }
}

@Suite("Speedup")
struct SpeedupTests {
    /// Lognormal efforts around a median, from a seeded generator (Box–Muller).
    static func efforts(_ count: Int, median: Double, sigma: Double = 0.5, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let u = max(generator.unit(), 1e-12)
            let v = generator.unit()
            return median * exp(sigma * (-2 * log(u)).squareRoot() * cos(2 * .pi * v))
        }
    }

    @Test("a planted ratio lies inside the 95% interval in most of 200 simulated categories, and intervals are not huge")
    func coverage() throws {
        let speedup = Speedup(resamples: 500)
        var covered = 0
        var widths: [Double] = []
        for seed in 0..<200 {
            let human = Self.efforts(15, median: 6, seed: UInt64(seed) * 2 + 1)
            let ai = Self.efforts(15, median: 6 * 0.6, seed: UInt64(seed) * 2 + 2)
            let estimate = try #require(speedup.ratio(ai: ai, human: human))
            if estimate.low <= 0.6 && 0.6 <= estimate.high { covered += 1 }
            widths.append(estimate.high - estimate.low)
        }
        #expect(covered >= 180, "covered \(covered) of 200")
        #expect(covered <= 199, "an interval that always covers is too wide")
        #expect((Statistics.median(widths) ?? 9) < 0.6)
    }

    @Test("with 5 to 8 tasks on a side the interval still covers the planted ratio about 95% of the time (expanded percentile)")
    func smallSampleCoverage() throws {
        let speedup = Speedup(resamples: 1000)
        var covered = 0
        let runs = 400
        for seed in 0..<runs {
            let small = 5 + seed % 4
            let human = Self.efforts(small, median: 6, seed: UInt64(seed) * 2 + 10_001)
            let ai = Self.efforts(12, median: 6 * 0.6, seed: UInt64(seed) * 2 + 10_002)
            let estimate = try #require(speedup.ratio(ai: ai, human: human))
            if estimate.low <= 0.6 && 0.6 <= estimate.high { covered += 1 }
        }
        // A plain percentile interval covers about 90% here; 95% of 400 is 380, and 3 standard errors below is 367.
        #expect(covered >= 368, "covered \(covered) of \(runs)")
        #expect(covered < runs, "an interval that always covers is too wide")
    }

    @Test("Student's t 97.5% points and the expanded tail: t(4) 2.776, t(10) 2.228; many tasks read at 2.5%")
    func studentT() {
        #expect(abs(Statistics.studentT975(4) - 2.776) < 0.002)
        #expect(abs(Statistics.studentT975(10) - 2.228) < 0.001)
        #expect(abs(Statistics.studentT975(1_000_000) - 1.96) < 0.001)
        #expect(abs(Statistics.normalCDF(-1.959964) - 0.025) < 1e-6)
        let spread = (0..<400).map { log(1 + Double($0 % 7)) }
        #expect(abs(Speedup.expandedTail(spread, spread) - 0.025) < 0.0005)
        let five = [0.1, 0.5, 0.9, 1.3, 1.7]
        #expect(abs(Speedup.expandedTail(five, five) - 0.0106) < 0.0005)
    }

    @Test("fewer than 5 tasks on either side: no figure")
    func tooFew() {
        #expect(Speedup().ratio(ai: [1, 2, 3, 4], human: [1, 2, 3, 4, 5, 6]) == nil)
        #expect(Speedup().ratio(ai: [1, 2, 3, 4, 5], human: [1, 2, 3, 4, 0]) == nil)
    }

    @Test("the same data gives the same interval, byte for byte")
    func deterministic() {
        let ai = Self.efforts(10, median: 2, seed: 7)
        let human = Self.efforts(12, median: 3, seed: 8)
        #expect(Speedup().ratio(ai: ai, human: human) == Speedup().ratio(ai: ai, human: human))
    }

    @Test("the weighted end-to-end ratio lies between its categories' ratios and weighs by human-equivalent effort")
    func weighted() throws {
        let fast = (ai: Array(repeating: 1.0, count: 6), human: Array(repeating: 2.0, count: 6))  // r = 0.5
        let slow = (ai: Array(repeating: 4.0, count: 6), human: Array(repeating: 4.0, count: 6))  // r = 1
        let estimate = try #require(Speedup().weighted([fast, slow]))
        // Human-equivalent effort: fast 12 + 6/0.5 = 24, slow 24 + 24 = 48; R = 24/72·0.5 + 48/72·1.
        #expect(abs(estimate.ratio - (24.0 / 72 * 0.5 + 48.0 / 72)) < 1e-12)
        #expect(Speedup().weighted([(ai: [1], human: [1])]) == nil)
    }

    @Test("the size-matched ratio compares within files-touched buckets")
    func sizeMatched() throws {
        // Within each bucket AI takes half the time; overall the AI tasks are also smaller.
        let ai = [(1.0, 1), (1.0, 1), (4.0, 9)]
        let human = [(2.0, 1), (8.0, 9), (8.0, 9)]
        let ratio = try #require(Speedup.sizeMatched(ai: ai, human: human))
        #expect(abs(ratio - 0.5) < 1e-12)
    }

    @Test("the within-person check and the adjusted ratio see through AI use concentrated in a fast person; the check needs 2 people who did both")
    func withinPerson() throws {
        // Ann (1 h a task) does 8 AI and 2 human tasks, Bob (4 h) 2 AI and 8 human: AI changes nothing for
        // either of them, but pooled, AI tasks look 2.3 times faster. The headline ratio of geometric means
        // says 0.43; the adjusted ratio (size and person) and the within-person check say 1, and the
        // reading says so. (Hand-made tasks with true categories and AI flags: the analysis step only.)
        var tasks: [WorkTask] = []
        for (person, effort, aiCount) in [("ann", 1.0, 8), ("bob", 4.0, 2)] {
            for index in 0..<10 {
                var task = RetroTests.task("\(person)\(index)", .crud, ai: index < aiCount, effort: effort * (1 + Double(index % 3) * 0.01))
                task.author = person
                tasks.append(task)
            }
        }
        let retro = RetroAnalysis().run(tasks, since: nil, until: nil)
        let crud = try #require(retro.categories.first { $0.category == "crud" })
        #expect(try #require(crud.ratio) < 0.5)
        #expect(abs(try #require(crud.adjustedRatio) - 1) < 0.02)
        #expect(abs(try #require(crud.withinPersonRatio) - 1) < 0.02)
        #expect(crud.withinPersonPeople == 2)
        #expect(crud.withinPersonDisagrees == true)
        #expect(retro.reading.contains { $0.contains("adjusted for task size and person falls outside the interval") })
        #expect(try #require(crud.withinPersonRatio) > (try #require(crud.ratioHigh)))
        let one = Speedup.withinPerson(ai: [(1, "ann"), (2, "bob")], human: [(1, "ann")])
        #expect(one == nil)
        // The end-to-end sum of the adjusted ratios is outside the headline interval too: said as well.
        #expect(retro.reading.contains { $0.hasPrefix("Adjusted for task size and person, the end-to-end ratio is 1.0") }, "\(retro.reading)")
    }

    @Test("one person did all the AI work and no human work: no adjusted ratio, and the reading says AI and person cannot be told apart")
    func confoundedReading() throws {
        // Ann did 8 AI tasks of each category, Bob and Cy the human ones. (Hand-made tasks with true
        // categories and AI flags: the analysis step only.)
        var tasks: [WorkTask] = []
        for category in [Model.Category.crud, .tests] {
            for index in 0..<8 {
                var ai = RetroTests.task("ann-\(category.rawValue)\(index)", category, ai: true, effort: 1 + Double(index) / 10)
                ai.author = "ann"
                var human = RetroTests.task("h-\(category.rawValue)\(index)", category, ai: false, effort: 2 + Double(index) / 9)
                human.author = index % 2 == 0 ? "bob" : "cy"
                tasks += [ai, human]
            }
        }
        let retro = RetroAnalysis().run(tasks, since: nil, until: nil)
        #expect(retro.categories.filter { $0.ratio != nil }.count == 2)
        #expect(retro.categories.allSatisfy { $0.adjustedRatio == nil })
        #expect(retro.reading.contains { $0.hasPrefix("In crud, tests AI and who did the work cannot be told apart") }, "\(retro.reading)")
    }
}

@Suite("Retro and weekly figures")
struct RetroTests {
    static func task(
        _ id: String, _ category: Model.Category, ai: Bool, effort: Double, end: Int64 = 1_763_000_000, lines: Int = 10,
        aiLines: Int = 0, rework: Double = 0, rounds: Int? = nil, active: Int = 0
    ) -> WorkTask {
        WorkTask(
            id: id, repository: "/r", key: id, kind: .burst, title: "t \(id)", author: "a", branch: nil, commits: [],
            category: category, confidence: 0.9, ai: ai, effortHours: effort, reworkHours: rework, activeSeconds: active,
            start: end - 3600, end: end, linesAdded: lines, filesTouched: 1, aiLinesAdded: aiLines)
    }

    @Test("release blame share: lines of AI-marked commits, and of files a linked session edited")
    func survivingShare() {
        func commit(_ hash: String, ai: Bool) -> WorkTask.TaskCommit {
            WorkTask.TaskCommit(
                hash: hash, subject: "s", authorTime: 0, effortHours: 1, effortReason: "", reason: "", rework: nil,
                aiTools: ai ? ["claude-code"] : [], linesAdded: 0, linesDeleted: 0)
        }
        var linked = Self.task("t1", .crud, ai: true, effort: 1)
        linked.commits = [commit("h1", ai: false)]
        linked.sessions = [WorkTask.TaskSession(tool: "codex", id: "s1", reason: "", evidence: .file, activeSeconds: 60)]
        var marked = Self.task("t2", .crud, ai: true, effort: 1)
        marked.commits = [commit("h2", ai: true)]
        let blame: [(path: String, lines: [String: Int])] = [
            ("a.swift", ["h1": 4, "h2": 3, "unknown": 2]),  // h1 here: the session edited a.swift
            ("b.swift", ["h1": 5]),  // not edited by the session: human
        ]
        let share = SurvivingShare.count(
            range: "v1..v2", blame: blame, tasks: [linked, marked], sessionFiles: ["codex\u{0}s1": ["a.swift"], "claude-code\u{0}s1": ["b.swift"]])
        #expect(share == SurvivingShare(range: "v1..v2", lines: 14, aiLines: 7, share: 0.5))
        #expect(SurvivingShare.count(range: "r", blame: [], tasks: [], sessionFiles: [:]).share == nil)
    }

    @Test("not enough data prints null figures, never missing keys")
    func nulls() throws {
        let retro = RetroAnalysis().run([Self.task("a", .crud, ai: true, effort: 1)], since: nil, until: nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(retro)) as? [String: Any])
        let category = try #require((json["categories"] as? [[String: Any]])?.first)
        for key in ["category", "zone", "nAI", "nHuman", "ratio", "ratioLow", "ratioHigh", "timeSaved", "reworkShareAI",
                    "reworkShareHuman", "churnAI", "churnHuman"] {
            #expect(category.keys.contains(key), "missing \(key)")
        }
        #expect(category["ratio"] is NSNull)
        let endToEnd = try #require(json["endToEnd"] as? [String: Any])
        #expect(endToEnd["ratio"] is NSNull && endToEnd.keys.contains("ratioLow"))
        let calibration = try #require(json["calibration"] as? [String: Any])
        #expect(calibration["spearman"] is NSNull && calibration["n"] as? Int == 0)
        #expect(Set((json["aiShare"] as? [String: Any])?.keys ?? [:].keys) == ["linesAdded", "aiLinesAdded", "share"])
    }

    @Test("rework share adds reviewer effort (15 minutes a round without a time log); churn and AI share are line shares")
    func shares() {
        var tasks = (0..<5).map { Self.task("h\($0)", .tests, ai: false, effort: 2, rounds: 0) }
        tasks += (0..<5).map { Self.task("a\($0)", .tests, ai: true, effort: 1, lines: 20, aiLines: 20, rework: 0.5) }
        for index in tasks.indices where tasks[index].ai { tasks[index].reviewRounds = 2 }
        let retro = RetroAnalysis().run(tasks, since: nil, until: nil)
        let tests = retro.categories.first { $0.category == "tests" }
        // AI: rework 2.5 h + reviewer 5 × 0.5 h over effort 5 h + reviewer 2.5 h.
        #expect(tests?.reworkShareAI == RetroAnalysis.round(5.0 / 7.5))
        #expect(tests?.ratio == 0.5)
        #expect(retro.aiShare.share == RetroAnalysis.round(100.0 / 150))
        #expect(retro.reading.contains { $0.contains("tests") })
    }

    @Test("ISO weeks parse, contain their days, and the last complete week is the one before")
    func weeks() throws {
        let week = try #require(ISOWeek("2026-W47"))
        #expect(Timestamp_iso(week.start) == "2026-11-16T00:00:00Z")
        #expect(ISOWeek(containing: week.start + 6 * 86_400 + 86_399) == week)
        #expect(ISOWeek.lastComplete(before: week.start + 3600) == ISOWeek(year: 2026, week: 46))
        #expect(ISOWeek("2026-W54") == nil && ISOWeek("2026-47") == nil)
        #expect(ISOWeek("2021-W01")?.start == 1_609_718_400)  // 4 January 2021, a Monday
        #expect(week.adding(weeks: -1).description == "2026-W46")
    }

    @Test("ISO weeks by arithmetic agree with Foundation's ISO 8601 calendar from 1800 to 2300, each week's Monday included")
    func weeksAgreeWithCalendar() {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var generator = SeededGenerator(seed: 47)
        // Random instants, and the seconds either side of every new year's midnight, where weeks change years.
        let low: Int64 = -5_364_662_400  // 1800-01-01
        let high: Int64 = 10_413_792_000  // 2300-01-01
        var instants = (0..<4000).map { _ in low + Int64(generator.index(below: Int(high - low))) }
        for year in 1800...2299 {
            let midnight = Int64(calendar.date(from: DateComponents(year: year, month: 1, day: 1))?.timeIntervalSince1970 ?? 0)
            instants += [midnight - 1, midnight, midnight + 3 * 86_400 + 86_399]
        }
        for seconds in instants {
            let components = calendar.dateComponents(
                [.yearForWeekOfYear, .weekOfYear], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let week = ISOWeek(containing: seconds)
            #expect(week.year == components.yearForWeekOfYear && week.week == components.weekOfYear, "\(seconds)")
            let monday = calendar.date(from: DateComponents(weekday: 2, weekOfYear: week.week, yearForWeekOfYear: week.year))
            #expect(week.start == Int64(monday?.timeIntervalSince1970 ?? 0), "\(week)")
        }
        #expect(ISOWeek(containing: -1).description == "1970-W01" && ISOWeek(year: 999, week: 3).description == "0999-W03")
        // The extremes of a 64-bit time (a forged commit date) give a week, not a trap.
        #expect(ISOWeek(containing: .min).year < 0 && ISOWeek(containing: .max).year > 292_000_000_000)
    }

    @Test("the week table leaves out long stretches without a task: one commit dated 1975 or 2100 buries no real week")
    func weekTableGaps() throws {
        let week = try #require(ISOWeek("2026-W10"))
        let real = (0..<6).map { Self.task("t\($0)", .crud, ai: false, effort: 1, end: week.start + Int64($0) * 7 * 86_400 + 3600) }
        // A gap of 3 empty weeks inside the real ones is kept.
        let later = Self.task("late", .crud, ai: false, effort: 1, end: week.start + 9 * 7 * 86_400 + 3600)
        let early = Self.task("1975", .crud, ai: false, effort: 1, end: 163_000_000)
        let future = Self.task("2100", .crud, ai: false, effort: 1, end: 4_102_444_800 + 3600)
        let weeks = RetroAnalysis.weeks(real + [later, early, future], ratios: [:]).map(\.week)
        #expect(weeks.first == ISOWeek(containing: 163_000_000).description)
        #expect(weeks.dropFirst().first == "2026-W10")
        #expect(Array(weeks.dropFirst().prefix(10)) == (0..<10).map { week.adding(weeks: $0).description })
        #expect(weeks.last == ISOWeek(containing: 4_102_444_800 + 3600).description)
        #expect(weeks.count == 12)
    }

    @Test(
        "a commit dated thirty million years ahead adds its one week to the table, found without walking the weeks between",
        .timeLimit(.minutes(1)))
    func weekTableFarFuture() throws {
        let week = try #require(ISOWeek("2026-W10"))
        let real = (0..<3).map { Self.task("t\($0)", .crud, ai: false, effort: 1, end: week.start + Int64($0) * 7 * 86_400 + 3600) }
        let far: Int64 = 999_999_999_999_999
        let weeks = RetroAnalysis.weeks(real + [Self.task("far", .crud, ai: false, effort: 1, end: far)], ratios: [:]).map(\.week)
        #expect(weeks == ["2026-W10", "2026-W11", "2026-W12", ISOWeek(containing: far).description])
        #expect(ISOWeek(containing: far).start <= far && far < ISOWeek(containing: far).end)
    }

    func Timestamp_iso(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    @Test("pull requests whose export had no reviews are unknown review, said in the assumptions, not a measured zero")
    func exportWithoutReviews() {
        var tasks = (0..<6).map { Self.task("h\($0)", .crud, ai: false, effort: 4) }
        tasks += (0..<6).map { Self.task("a\($0)", .crud, ai: true, effort: 2) }
        for index in tasks.indices { tasks[index].pullRequest = index + 1 }
        let retro = RetroAnalysis().run(tasks, since: nil, until: nil)
        #expect(retro.review.meanReviewRoundsAI == nil && retro.review.meanReviewRoundsHuman == nil)
        #expect(retro.assumptions.contains { $0.hasPrefix("12 pull requests' exports have no reviews") })
        // Reviewer time is unknown on both sides, not a measured 0 h.
        #expect(retro.review.reviewerHoursAI == nil && retro.review.reviewerHoursHuman == nil)
        // One side known: its time is a figure.
        for index in tasks.indices where !tasks[index].ai { tasks[index].reviewRounds = 2 }
        let half = RetroAnalysis().run(tasks, since: nil, until: nil)
        #expect(half.review.reviewerHoursAI == nil && (half.review.reviewerHoursHuman ?? 0) > 0)
        for index in tasks.indices { tasks[index].reviewRounds = 1 }
        let known = RetroAnalysis().run(tasks, since: nil, until: nil)
        #expect(!known.assumptions.contains { $0.contains("have no reviews") })
        #expect(known.review.reviewerHoursAI != nil && known.review.reviewerHoursHuman != nil)
    }

    @Test("the weekly report leaves prototype branches' tasks out, as the retro does, and says so")
    func weeklyPrototypes() throws {
        let week = try #require(ISOWeek("2026-W47"))
        var tasks = (0..<6).map { Self.task("h\($0)", .crud, ai: false, effort: 4, end: week.start + 3600) }
        var spike = Self.task("s1", .crud, ai: true, effort: 2, end: week.start + 7200)
        spike.branch = "spike/fast-cache"
        tasks.append(spike)
        let weekly = RetroAnalysis().weekly(tasks, week: week)
        #expect(weekly.summary.tasks == 6 && weekly.summary.aiTasks == 0)
        #expect(weekly.assumptions.contains { $0.hasPrefix("1 task on prototype branches this week left out") })
    }

    @Test("the weekly report counts tasks that ended in the week and a four-week trend")
    func weekly() throws {
        let week = try #require(ISOWeek("2026-W47"))
        var tasks = (0..<6).map { Self.task("h\($0)", .crud, ai: false, effort: 4, end: week.start + 3600) }
        tasks += (0..<6).map { Self.task("a\($0)", .crud, ai: true, effort: 2, end: week.start - 86_400, rework: 1) }
        let weekly = RetroAnalysis().weekly(tasks, week: week)
        #expect(weekly.summary.tasks == 6 && weekly.summary.aiTasks == 0)
        #expect(weekly.trend.map(\.week) == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"])
        #expect(weekly.trend[2].aiTasks == 6)
        // Each AI task saved 2 × (1/0.5 − 1) = 2 hours.
        #expect(weekly.trend[2].hoursSaved == 12)
        // A week without AI work saved nothing; one whose AI tasks no ratio can price has no figure.
        #expect(weekly.trend[3].hoursSaved == 0)
        let unpriced = tasks + [Self.task("s1", .security, ai: true, effort: 3, end: week.start - 8 * 86_400)]
        let earlier = RetroAnalysis().weekly(unpriced, week: week)
        #expect(earlier.trend[1].aiTasks == 1 && earlier.trend[1].hoursSaved == nil)
    }
}

@Suite("Forecast")
struct ForecastTests {
    static func item(_ id: String, hours: Double) -> BacklogItem {
        BacklogItem(id: id, title: "t \(id)", category: .crud, classified: false, estimateHours: hours, ai: .yes)
    }

    @Test("a history with no AI task (or no human one) forecasts no difference: neither side's rework and review is the other's gain")
    func noEvidenceNoDifference() {
        // Human tasks with rework and review rounds: an overhead factor well above 1.
        let human = (0..<20).map { index in
            RetroTests.task("h\(index)", .crud, ai: false, effort: 4 + Double(index % 5), rework: 1, rounds: 2)
        }
        let backlog = (1...10).map { Self.item("T-\($0)", hours: 5) }
        let noAI = ForecastModel(history: human).run(backlog, capacity: 40, capacitySource: "given", runs: 2000)
        #expect(noAI.difference.p50Hours == 0 && noAI.difference.p80Hours == 0 && noAI.difference.p95Hours == 0)
        #expect(noAI.withAI == noAI.allHuman)
        #expect(noAI.assumptions.contains { $0.contains("no AI/human ratio in any history, 1 assumed") })
        // The mirror: AI tasks only, heavy on rework.
        let ai = (0..<20).map { index in
            RetroTests.task("a\(index)", .crud, ai: true, effort: 2 + Double(index % 3), rework: 1.5, rounds: 3)
        }
        let noHuman = ForecastModel(history: ai).run(backlog, capacity: 40, capacitySource: "given", runs: 2000)
        #expect(noHuman.difference.p50Hours == 0 && noHuman.difference.p95Hours == 0)
        // With both sides measured, a difference is still forecast.
        let both = ForecastModel(history: human + ai).run(backlog, capacity: 40, capacitySource: "given", runs: 2000)
        #expect(both.difference.p50Hours != 0)
    }

    @Test("a weak-zone category borrows no ratio measured on strength-zone work: its AI tasks are forecast as human work")
    func noRatioAcrossZones() {
        let crud = (0..<10).map { RetroTests.task("h\($0)", .crud, ai: false, effort: 4) }
            + (0..<10).map { RetroTests.task("a\($0)", .crud, ai: true, effort: 2) }
        let model = ForecastModel(history: crud)
        let algorithms = (1...6).map {
            BacklogItem(id: "A-\($0)", title: "t", category: .algorithm, classified: false, estimateHours: 8, ai: .yes)
        }
        let forecast = model.run(algorithms, capacity: 40, capacitySource: "given", runs: 2000)
        #expect(forecast.difference.p50Hours == 0 && forecast.difference.p95Hours == 0)
        #expect(forecast.assumptions.contains { $0.hasPrefix("algorithm:") && $0.contains("1 assumed") })
        // Its own zone's ratio it does take.
        let tests = (1...6).map { BacklogItem(id: "T-\($0)", title: "t", category: .tests, classified: false, estimateHours: 8, ai: .yes) }
        #expect(model.run(tests, capacity: 40, capacitySource: "given", runs: 2000).difference.p50Hours > 0)
    }

    @Test("the completion curve takes about 40 round steps whatever the span, and the weekly one at most 520 weeks")
    func completionSteps() {
        #expect(Forecast.Completion.step(span: 100) == 4)
        #expect(Forecast.Completion.step(span: 40_000) == 1000)
        #expect(Forecast.Completion.step(span: 50_000) == 2000)
        #expect(Forecast.Completion.step(span: 3e13) == 1e12)
        for slowest in [1e-9, 1, 60, 5_000, 1e8, 2e10, 1e15] {
            for capacity in [ForecastModel.capacityRange.lowerBound, 40, ForecastModel.capacityRange.upperBound] {
                let runs = (0...10).map { slowest * (0.5 + Double($0) / 20) }
                let completion = Forecast.Completion.make(withAI: runs, allHuman: runs.map { $0 * 1.5 }, capacity: capacity)
                #expect(completion.steps.count >= 2 && completion.steps.count <= 42, "\(slowest) h at \(capacity): \(completion.steps.count)")
                #expect(zip(completion.steps, completion.steps.dropFirst()).allSatisfy { $0 < $1 })
                #expect(completion.withAI.last == 1 && completion.allHuman.last == 1, "\(slowest) h at \(capacity)")
            }
        }
        // The largest backlog entries at the smallest capacity: finite figures, no step per day.
        let backlog = (1...200).map { Self.item("T-\($0)", hours: BacklogItem.maximumEstimateHours) }
        let forecast = ForecastModel(history: []).run(
            backlog, capacity: ForecastModel.capacityRange.lowerBound, capacitySource: "given", runs: 100)
        #expect(forecast.completion.steps.count <= 42)
        #expect(forecast.completionByWeekWithAI.count == 520)
        #expect(forecast.withAI.p95Weeks.isFinite && forecast.capacityHoursPerWeek == 0.001)
    }

    @Test("the default capacity leaves out tasks that end after now: one commit dated 2100 does not empty it")
    func capacityIgnoresTheFuture() throws {
        let week = try #require(ISOWeek("2026-W10"))
        let now = week.start + 30 * 86_400
        let history = (0..<4).map { index in
            var task = RetroTests.task("w\(index)", .crud, ai: false, effort: 2, end: week.start + Int64(index) * 7 * 86_400 + 3600)
            task.effortSource = "time log"
            return task
        }
        var skewed = RetroTests.task("2100", .crud, ai: false, effort: 1, end: 4_102_444_800 + 3600)
        skewed.effortSource = "time log"
        let plain = try #require(ForecastModel.recentCapacity(history, now: now))
        let withFuture = try #require(ForecastModel.recentCapacity(history + [skewed], now: now))
        #expect(plain.hours == 2 && withFuture.hours == 2)
        #expect(plain.source == "the team's mean weekly effort over 3 weeks with finished tasks up to 2026-W12")
        #expect(withFuture.source == plain.source + "; 1 task dated after now left out")
        // Counted, the 2100 task's week would be the last and the 26 weeks before it empty.
        #expect(ForecastModel.recentCapacity(history + [skewed], now: .max) == nil)
        // Git-estimated effort (no time log) is said to leave hours out: the weeks it gives run long.
        let git = history.map { task in
            var task = task
            task.effortSource = "git"
            return task
        }
        let fromGit = try #require(ForecastModel.recentCapacity(git, now: now))
        #expect(fromGit.hours == 2)
        #expect(fromGit.source.hasPrefix(plain.source + "; mostly git-estimated effort"))
        #expect(fromGit.source.hasSuffix("give --capacity with the team's real hours"))
        // The MCP tool names its own argument.
        let forTool = try #require(ForecastModel.recentCapacity(git, now: now, capacityOption: "'capacity_hours'"))
        #expect(forTool.source.hasSuffix("give 'capacity_hours' with the team's real hours"))
    }
}
