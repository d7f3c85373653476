import Analysis
import Foundation
import Model
import Storage
import Support

/// `MultiplierBench report-db N... [--keep DIR]`: `multiplier report retro --format json` through the built
/// release binary on a synthetic database of N stored tasks (each with commits, sessions and
/// evidence like a real task's), beside the cost of reading the task table alone (the rows, and
/// the rows decoded into tasks), and what takes the space in the database (`dbstat`).
enum ReportDatabaseBenchmark {
    /// Runs of each timed figure; the table shows their median and range.
    static let runs = 5

    /// `keep`: write the databases there and leave them (to time other builds against them).
    static func run(counts: [Int], executable: String, keep: String? = nil) throws -> String {
        let folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().path
        let multiplier = folder + "/multiplier"
        let environment = ProcessInfo.processInfo.environment
        let directory = keep ?? FileManager.default.temporaryDirectory.path + "/multiplier-report-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer {
            // Our own scratch folder; a leftover is harmless.
            if keep == nil { try? FileManager.default.removeItem(atPath: directory) }
        }
        func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        func figure(_ times: [Double]) -> String {
            "\(fixed(Benchmark.median(times))) s (\(fixed(times.min() ?? 0))–\(fixed(times.max() ?? 0)))"
        }
        var rows: [String] = []
        var spaces: [String] = []
        let loadBefore = loadAverage()
        for count in counts {
            let path = directory + "/tasks-\(count).sqlite"
            let database = try Database(path: path)
            let repository = try CommitStore(database: database).upsertRepository(root: "/bench/repo", origin: nil, name: "repo")
            let store = TaskStore(database: database)
            let built = tasks(count: count, repository: repository.root)
            let storeSeconds = try Benchmark.seconds { _ = try store.replaceAll(with: built) }
            try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            var rowTimes: [Double] = []
            var decodeTimes: [Double] = []
            var figureTimes: [Double] = []
            var retroTimes: [Double] = []
            var retroBytes = 0
            for _ in 0..<runs {
                rowTimes.append(try Benchmark.seconds { _ = try store.taskDetailBytes() })
                decodeTimes.append(try Benchmark.seconds { _ = try store.tasks() })
                figureTimes.append(try Benchmark.seconds { _ = try store.figures() })
                var output: [UInt8] = []
                retroTimes.append(
                    try Benchmark.seconds {
                        let result = try StreamingProcess.run(
                            multiplier, ["report", "retro", "--format", "json", "--db", path], environment: environment)
                        guard result.status == 0 else {
                            throw BenchmarkError.failed("multiplier report retro exited \(result.status): \(result.error.prefix(200))")
                        }
                        output = result.output
                    })
                retroBytes = output.count
            }
            let fileBytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
            rows.append(
                "| \(count) | \(fixed(storeSeconds)) s | \(figure(rowTimes)) | \(figure(decodeTimes)) | \(figure(figureTimes)) | \(figure(retroTimes)) | \(retroBytes) | \(fixed(Double(fileBytes) / 1_048_576, 1)) MB |"
            )
            let space = try database.spaceByTable()
            let total = max(space.reduce(0) { $0 + $1.bytes }, 1)
            spaces.append(
                "| \(count) | " + space.filter { $0.bytes >= 51_200 }.prefix(8).map { "\($0.name) \(fixed(Double($0.bytes) / 1_048_576, 1)) MB (\(Int((100 * Double($0.bytes) / Double(total)).rounded()))%)" }
                    .joined(separator: ", ") + " |")
        }
        let date = Timestamp.iso8601(Int64(Date().timeIntervalSince1970))
        return """
            ## report retro on a stored database — \(date)

            `MultiplierBench report-db \(counts.map(String.init).joined(separator: " "))`: synthetic tasks (seeded; 1–6 commits, \
            evidence, AI tasks with a linked session) stored by `TaskStore.replaceAll`, then \(runs) runs of each figure \
            (median, range). Load average \(loadBefore) before, \(loadAverage()) after; \
            \(ProcessInfo.processInfo.activeProcessorCount) cores.

            | tasks | store them (one `replaceAll`, once) | read the task rows (id, detail) | read and decode every task | read the figures (`TaskStore.figures`, index only) | `multiplier report retro --format json` (process) | JSON bytes | database |
            |---|---|---|---|---|---|---|---|
            \(rows.joined(separator: "\n"))

            What takes the space (`dbstat`, tables with their indexes, largest first; under 50 KiB left out):

            | tasks | space |
            |---|---|
            \(spaces.joined(separator: "\n"))


            """
    }

    enum BenchmarkError: Error { case failed(String) }

    /// The 1-, 5- and 15-minute load averages.
    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))  // not Linux: say so
            .map { $0.split(separator: " ").prefix(3).joined(separator: " ") } ?? "unknown"
    }

    /// `count` synthetic tasks shaped like real ones: commits with hashes and subjects, evidence,
    /// linked sessions on AI tasks, review figures on some; efforts lognormal with planted ratios.
    static func tasks(count: Int, repository: String) -> [WorkTask] {
        var generator = SeededGenerator(seed: 11)
        let categories = Model.Category.allCases.filter { $0 != .unclassified }
        func hash(_ index: Int, _ commit: Int) -> String {
            var text = ""
            var value = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(commit) &* 0xBF58_476D_1CE4_E5B9
            for _ in 0..<40 {
                text.append(Character(String(value & 15, radix: 16)))
                value = (value >> 4) | ((value & 15) << 60) &+ 0x632B_E59B_D9B4_E019
            }
            return text
        }
        return (0..<count).map { index -> WorkTask in
            let category = generator.unit() < 0.03 ? Model.Category.unclassified : categories[generator.index(below: categories.count)]
            let ai = generator.unit() < 0.4
            let u = max(generator.unit(), 1e-12)
            let v = generator.unit()
            let noise = exp(0.6 * (-2 * log(u)).squareRoot() * cos(2 * .pi * v))
            let effort = 4 * noise * (ai ? (category.zone == .strength ? 0.6 : 1.05) : 1)
            let lines = 20 + generator.index(below: 400)
            let start = 1_700_000_000 + Int64(index) * 900
            let commitCount = 1 + generator.index(below: 6)
            let commits = (0..<commitCount).map { number in
                WorkTask.TaskCommit(
                    hash: hash(index, number), subject: "Change \(category.rawValue) handling in module \(index % 97) (step \(number))",
                    authorTime: start + Int64(number) * 1200, effortHours: effort / Double(commitCount),
                    effortReason: number == 0 ? "lead-in" : "gap of \(fixed(effort / Double(commitCount))) h",
                    reason: number == 0 ? "first commit of the burst" : "within 4 h of the previous commit by the same author",
                    rework: nil, aiTools: ai && number == 0 && index % 3 == 0 ? ["claude-code"] : [], linesAdded: lines / commitCount,
                    linesDeleted: lines / (3 * commitCount))
            }
            let sessions =
                ai
                ? [
                    WorkTask.TaskSession(
                        tool: "claude-code", id: "session-\(index)",
                        reason: index % 5 == 0 ? "no file edits; active time overlaps the task's" : "edited src/module\(index % 97)/file.swift, which only this task touched",
                        evidence: index % 5 == 0 ? .time : .file, activeSeconds: Int(effort * 900))
                ] : []
            var task = WorkTask(
                id: String(format: "%012x", index), repository: repository, key: "burst \(hash(index, 0).prefix(10))", kind: .burst,
                title: "Change \(category.rawValue) handling in module \(index % 97)", author: "dev\(index % 40)@example.com",
                branch: nil, commits: commits, sessions: sessions, category: category, confidence: generator.unit(),
                evidence: [
                    Evidence(family: "path", detail: "src/module\(index % 97)/file.swift", category: category, weight: 0.8),
                    Evidence(family: "subject", detail: "\"\(category.rawValue)\"", category: category, weight: 0.5),
                    Evidence(family: "model", detail: "base model", category: category, weight: 0.3),
                ],
                ai: ai, aiTools: ai ? ["claude-code"] : [], aiReasons: ai ? ["a claude-code session is linked"] : [],
                effortHours: effort, reworkHours: effort * generator.unit() * 0.2, activeSeconds: ai ? Int(effort * 900) : 0,
                start: start, end: start + Int64(commitCount) * 1200, firstCommitTime: start,
                lastCommitTime: start + Int64(commitCount - 1) * 1200, cycleHours: Double(commitCount) / 3, linesAdded: lines,
                linesDeleted: lines / 3, filesTouched: 1 + generator.index(below: 12), aiLinesAdded: ai ? lines : 0,
                churnedLines: generator.index(below: lines / 4 + 1))
            if index % 4 == 0 {
                task.pullRequest = index
                task.reviewRounds = generator.index(below: 4)
                task.firstReviewWaitHours = 10 * generator.unit()
                task.mergeWaitHours = 30 * generator.unit()
            }
            return task
        }
    }

    private static func fixed(_ value: Double) -> String { String(format: "%.1f", value) }
}
