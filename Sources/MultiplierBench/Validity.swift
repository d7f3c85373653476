import Foundation
import Support

/// The end-to-end validity check (METHOD.md, "How the method is validated"): a SampleGen world
/// goes through the built `multiplier` binary exactly as a user runs it, and what comes out is
/// scored against the world's truth.json. Used by `MultiplierBench validity` and by
/// `ValidityTests`, so the test and the benchmark measure the same figures.
struct Validity {
    /// One world to generate: a named world and/or confounders, and a seed.
    struct Case: Sendable {
        var world: String
        var confounders: [String] = []
        var seed: UInt64

        /// `realistic-linear`, or `plain + linear` for a confounder alone.
        var label: String { ([world] + confounders).joined(separator: " + ") }
    }

    enum Failure: Error, CustomStringConvertible {
        case step(String, status: Int32, detail: String)
        case output(String)

        var description: String {
            switch self {
            case .step(let step, let status, let detail): return "\(step) exited \(status): \(detail)"
            case .output(let text): return text
            }
        }
    }

    /// The SampleGen and multiplier binaries to run.
    let sampleGen: String
    let multiplier: String
    let environment: [String: String]
    /// The origin every world's repository has (Codex rollouts record it).
    static let origin = "git@github.com:acme/acme-shop.git"

    /// Binaries next to `executable` (the built products folder).
    init(besides executable: String, environment: [String: String]) {
        let folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent().path
        sampleGen = folder + "/SampleGen"
        multiplier = folder + "/multiplier"
        self.environment = environment
    }

    /// One run scored twice: the retro's headline figures, and its ratios adjusted for size and person.
    struct Outcome {
        var headline: Score
        var adjusted: Score
    }

    /// Generates the world in `work` (which must not exist yet), runs the pipeline and scores it.
    func run(_ testCase: Case, work: String) throws -> Outcome {
        var generate = ["--world", testCase.world, "--seed", String(testCase.seed)]
        for confounder in testCase.confounders { generate += ["--confounder", confounder] }
        let (data, database) = try prepare(generate, work: work)
        let tasks = try step("tasks", multiplier, ["tasks", "--bots", "--format", "json", "--db", database])
        let retro = try step("report retro", multiplier, ["report", "retro", "--format", "json", "--db", database])
        let truth = try Data(contentsOf: URL(fileURLWithPath: data + "/truth.json"))
        return Outcome(
            headline: try Score(tasks: tasks, retro: retro, truth: truth),
            adjusted: try Score(tasks: tasks, retro: retro, truth: truth, figures: .adjusted))
    }

    /// Generates a world with SampleGen's `arguments` (plus `--checkout` and `--out`) in `work`
    /// (which must not exist yet), imports it into a checkout with the team's origin and ingests
    /// git, sessions and reviews as a user does; returns the data folder and the database.
    func prepare(_ arguments: [String], work: String) throws -> (data: String, database: String) {
        let data = work + "/data"
        let checkout = work + "/checkout"
        let database = work + "/multiplier.sqlite"
        try FileManager.default.createDirectory(atPath: checkout, withIntermediateDirectories: true)
        _ = try step("SampleGen", sampleGen, arguments + ["--checkout", checkout, "--out", data])
        _ = try step("git init", "git", ["-C", checkout, "init", "-q", "-b", "main"])
        let process = try StreamingProcess(
            executable: "git", arguments: ["-C", checkout, "fast-import", "--quiet"], environment: environment,
            standardInput: data + "/repo.fi")
        _ = try process.readAllOutput()
        let status = try process.waitForStatus()
        guard status == 0 else { throw Failure.step("git fast-import", status: status, detail: process.standardError) }
        _ = try step("git reset", "git", ["-C", checkout, "reset", "-q", "--hard", "main"])
        _ = try step("git remote", "git", ["-C", checkout, "remote", "add", "origin", Self.origin])
        _ = try step("ingest git", multiplier, ["ingest", "git", checkout, "--db", database])
        _ = try step("ingest sessions", multiplier, ["ingest", "sessions", data + "/machines", "--db", database])
        if FileManager.default.fileExists(atPath: data + "/prs.json") {
            _ = try step("ingest reviews", multiplier, ["ingest", "reviews", data + "/prs.json", "--db", database])
        }
        return (data, database)
    }

    /// Runs one step; its stdout, or a failure naming the step and its first stderr line.
    func step(_ name: String, _ executable: String, _ arguments: [String]) throws -> Data {
        let result = try StreamingProcess.run(executable, arguments, environment: environment)
        guard result.status == 0 else {
            let detail = result.error.split(separator: "\n").first.map(String.init) ?? ""
            throw Failure.step(name, status: result.status, detail: detail)
        }
        return Data(result.output)
    }

    /// The confounders SampleGen knows, from its usage text.
    func confounders() throws -> [String] {
        let result = try StreamingProcess.run(sampleGen, ["--help"], environment: environment)
        guard let line = result.error.split(separator: "\n").first(where: { $0.hasPrefix("confounders: ") }) else {
            throw Failure.output("\(sampleGen) --help names no confounders")
        }
        return line.dropFirst("confounders: ".count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

extension Validity {
    /// What one run recovered of what its world planted.
    struct Score {
        /// Planted tasks (people's, not bots') whose commits `tasks` grouped into one task of its own.
        var matched = 0
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var categorised = 0
        /// Commits grouped as planted (the task and its planted task are each other's majority).
        var grouped = 0
        var commits = 0
        /// Categories with a 95% interval in the retro, and those whose interval holds the planted ratio.
        var intervals = 0
        var covered = 0
        /// Planted categories with both AI and human tasks but no interval in the retro.
        var missingIntervals = 0
        var widths: [Double] = []
        var endToEnd: Double?
        var plantedEndToEnd = 0.0

        var precision: Double? { Self.share(truePositives, truePositives + falsePositives) }
        var recall: Double? { Self.share(truePositives, truePositives + falseNegatives) }
        var categoryAccuracy: Double? { Self.share(categorised, matched) }
        var coverage: Double? { Self.share(covered, intervals) }
        /// Measured minus planted end-to-end ratio, in points (0.05 = 5 points).
        var endToEndError: Double? { endToEnd.map { $0 - plantedEndToEnd } }

        static func share(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }

        init() {}

        /// Which of the retro's ratios to score: the headline ones, or the adjusted check.
        enum Figures {
            case headline, adjusted

            func key(_ name: String) -> String {
                self == .headline ? name : "adjusted" + name.prefix(1).uppercased() + name.dropFirst()
            }
        }

        /// Scores `multiplier tasks --bots --format json` and `report retro --format json` against truth.json.
        init(tasks: Data, retro: Data, truth: Data, figures: Figures = .headline) throws {
            guard let built = try JSONSerialization.jsonObject(with: tasks) as? [[String: Any]],
                let report = try JSONSerialization.jsonObject(with: retro) as? [String: Any],
                let plantedWorld = try JSONSerialization.jsonObject(with: truth) as? [String: Any],
                let planted = plantedWorld["tasks"] as? [[String: Any]],
                let effects = plantedWorld["effects"] as? [String: [String: Any]]
            else { throw Failure.output("tasks, retro or truth.json is not the JSON expected") }
            var truthOf: [String: Int] = [:]
            for (index, task) in planted.enumerated() {
                for hash in task["commitHashes"] as? [String] ?? [] { truthOf[hash] = index }
            }
            var builtOf: [String: Int] = [:]
            for (index, task) in built.enumerated() { for hash in task["commits"] as? [String] ?? [] { builtOf[hash] = index } }
            let builtToTruth = built.map { Self.majority($0["commits"] as? [String] ?? [], truthOf) }
            let truthToBuilt = planted.map { Self.majority($0["commitHashes"] as? [String] ?? [], builtOf) }
            for (hash, plantedIndex) in truthOf {
                guard let task = builtOf[hash] else { continue }
                commits += 1
                if builtToTruth[task] == plantedIndex && truthToBuilt[plantedIndex] == task { grouped += 1 }
            }
            var categories: [String: (ai: Int, human: Int)] = [:]
            for (index, task) in planted.enumerated() where task["bot"] as? Bool != true {
                let ai = task["ai"] as? Bool == true
                if let category = task["category"] as? String {
                    categories[category, default: (0, 0)].ai += ai ? 1 : 0
                    categories[category, default: (0, 0)].human += ai ? 0 : 1
                }
                guard let match = truthToBuilt[index], builtToTruth[match] == index else { continue }
                matched += 1
                let calledAI = built[match]["ai"] as? Bool == true
                if calledAI && ai { truePositives += 1 }
                if calledAI && !ai { falsePositives += 1 }
                if !calledAI && ai { falseNegatives += 1 }
                if built[match]["category"] as? String == task["category"] as? String { categorised += 1 }
            }
            var measured: Set<String> = []
            for category in report["categories"] as? [[String: Any]] ?? [] {
                guard let name = category["category"] as? String, let low = category[figures.key("ratioLow")] as? Double,
                    let high = category[figures.key("ratioHigh")] as? Double, let ratio = effects[name]?["ratio"] as? Double
                else { continue }
                measured.insert(name)
                intervals += 1
                if low <= ratio && ratio <= high { covered += 1 }
                widths.append(high - low)
            }
            missingIntervals = categories.filter { $0.value.ai > 0 && $0.value.human > 0 && !measured.contains($0.key) }.count
            endToEnd = (report["endToEnd"] as? [String: Any])?[figures.key("ratio")] as? Double
            plantedEndToEnd = ((plantedWorld["endToEnd"] as? [String: Any])?["ratio"] as? Double) ?? 0
        }

        /// The task most of `hashes` belong to.
        static func majority(_ hashes: [String], _ map: [String: Int]) -> Int? {
            var counts: [Int: Int] = [:]
            for hash in hashes { if let index = map[hash] { counts[index, default: 0] += 1 } }
            return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }

        /// Several runs pooled: counts add up, widths and end-to-end errors are kept per run.
        static func pooled(_ scores: [Score]) -> Pooled {
            var total = Score()
            for score in scores {
                total.matched += score.matched
                total.truePositives += score.truePositives
                total.falsePositives += score.falsePositives
                total.falseNegatives += score.falseNegatives
                total.categorised += score.categorised
                total.grouped += score.grouped
                total.commits += score.commits
                total.intervals += score.intervals
                total.covered += score.covered
                total.missingIntervals += score.missingIntervals
                total.widths += score.widths
            }
            return Pooled(runs: scores.count, total: total, endToEndErrors: scores.compactMap(\.endToEndError))
        }
    }

    /// The scores of several seeds of one world.
    struct Pooled {
        var runs: Int
        var total: Score
        var endToEndErrors: [Double]

        var medianWidth: Double? { Self.median(total.widths) }
        var medianAbsoluteError: Double? { Self.median(endToEndErrors.map(abs)) }
        var maximumAbsoluteError: Double? { endToEndErrors.map(abs).max() }

        static func median(_ values: [Double]) -> Double? {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return nil }
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }

        /// One row of the benchmark table.
        func row(_ label: String) -> String {
            func figure(_ value: Double?, _ digits: Int = 2) -> String {
                value.map { String(format: "%.\(digits)f", $0) } ?? "–"
            }
            let t = total  // short: the row below names it a dozen times
            let perRun = runs > 0 ? t.matched / runs : 0
            return "| \(label) | \(runs) | \(perRun) | \(figure(Score.share(t.grouped, t.commits))) "
                + "| \(figure(t.precision)) (\(t.falsePositives) FP) | \(figure(t.recall)) (\(t.falseNegatives) FN) "
                + "| \(figure(t.categoryAccuracy)) | \(figure(t.coverage)) (\(t.covered)/\(t.intervals)) | \(t.missingIntervals) "
                + "| \(figure(medianWidth)) | \(figure(medianAbsoluteError.map { $0 * 100 }, 1)) "
                + "(max \(figure(maximumAbsoluteError.map { $0 * 100 }, 1)); "
                + "\(endToEndErrors.count) of \(runs) seeds) |"
        }

        static let header = """
            | world | seeds | tasks matched per seed | commits grouped as planted | AI precision | AI recall | category accuracy | 95% intervals covering the planted ratio | categories without an interval | median interval width | end-to-end error, points: median (max; seeds with a figure) |
            |---|---|---|---|---|---|---|---|---|---|---|
            """
    }
}
