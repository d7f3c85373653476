import Foundation
import Support

/// `MultiplierBench practices [--seeds N] [--first-seed N] [--plan-first-effect X]
/// [--context-file-effect X] [--jobs N]`: SampleGen's practices world through the built binary
/// (ingest git, sessions, reviews; `report practices --format json`), N seeds with the effects
/// planted and N with both at zero, scored against truth.json (`PracticesScore`).
enum PracticesBenchmark {
    static let usage = "usage: MultiplierBench practices [--seeds N] [--first-seed N] [--plan-first-effect X] "
        + "[--context-file-effect X] [--jobs N] [--no-append]\n"

    struct Options {
        var seeds = 10
        var firstSeed: UInt64 = 101
        var planFirstEffect = 0.3
        var contextFileEffect = 0.3
        var jobs = 2
    }

    static func parse(_ arguments: [String]) -> Options? {
        var options = Options()
        var index = 0
        while index < arguments.count {
            guard index + 1 < arguments.count else { return nil }
            let value = arguments[index + 1]
            switch arguments[index] {
            case "--seeds": guard let count = Int(value), count > 0 else { return nil }; options.seeds = count
            case "--first-seed": guard let seed = UInt64(value) else { return nil }; options.firstSeed = seed
            case "--jobs": guard let jobs = Int(value), jobs > 0 else { return nil }; options.jobs = jobs
            case "--plan-first-effect": guard let effect = Double(value) else { return nil }; options.planFirstEffect = effect
            case "--context-file-effect": guard let effect = Double(value) else { return nil }; options.contextFileEffect = effect
            default: return nil
            }
            index += 2
        }
        return options
    }

    /// One run: a seed and the planted effects.
    struct Case: Sendable {
        var seed: UInt64
        var planFirstEffect: Double
        var contextFileEffect: Double

        var arguments: [String] {
            [
                "--world", "practices", "--seed", String(seed), "--plan-first-effect", String(planFirstEffect),
                "--context-file-effect", String(contextFileEffect),
            ]
        }
    }

    /// Generates and runs one case in `work` (which must not exist yet).
    static func run(_ item: Case, validity: Validity, work: String) throws -> PracticesScore {
        let (data, database) = try validity.prepare(item.arguments, work: work)
        let report = try validity.step(
            "report practices", validity.multiplier, ["report", "practices", "--format", "json", "--db", database])
        let truth = try Data(contentsOf: URL(fileURLWithPath: data + "/truth.json"))
        return try PracticesScore(report: report, truth: truth)
    }

    static func run(_ options: Options) throws -> String {
        let validity = Validity(besides: CommandLine.arguments[0], environment: ValidityBenchmark.environment())
        let seeds = (0..<options.seeds).map { options.firstSeed + UInt64($0) }
        let cases = seeds.map { Case(seed: $0, planFirstEffect: options.planFirstEffect, contextFileEffect: options.contextFileEffect) }
            + seeds.map { Case(seed: $0, planFirstEffect: 0, contextFileEffect: 0) }
        let scratch = FileManager.default.temporaryDirectory.path + "/multiplier-practices-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }  // our own scratch folder
        let outcomes = Outcomes(count: cases.count)
        let next = ValidityBenchmark.Results.Counter()
        let started = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: options.jobs) { _ in
            while let index = next.take(below: cases.count) {
                let item = cases[index]
                let work = scratch + "/\(index)"
                let outcome = Result { try run(item, validity: validity, work: work) }
                try? FileManager.default.removeItem(atPath: work)  // our own scratch folder; a leftover is harmless
                outcomes.set(index, outcome)
                let line = (try? outcome.get()).map(\.summary) ?? "failed: \(String(describing: outcome))"
                FileDescriptorWriter.writeAll(
                    "practices seed \(item.seed) effects \(item.planFirstEffect)/\(item.contextFileEffect): \(line)\n", to: STDERR_FILENO)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        var planted: [PracticesScore] = []
        var zero: [PracticesScore] = []
        var failures: [String] = []
        for (index, item) in cases.enumerated() {
            switch outcomes.get(index) {
            case .success(let score): if index < seeds.count { planted.append(score) } else { zero.append(score) }
            case .failure(let error): failures.append("seed \(item.seed) (\(item.planFirstEffect)/\(item.contextFileEffect)): \(error)")
            case nil: failures.append("seed \(item.seed): not run")
            }
        }
        let rows = [
            PracticesScore.row("plan-first / code-first", effect: options.planFirstEffect, planted.map(\.planFirst)),
            PracticesScore.row("CLAUDE.md after / before", effect: options.contextFileEffect, planted.map(\.contextFile)),
            PracticesScore.row("plan-first / code-first", effect: 0, zero.map(\.planFirst)),
            PracticesScore.row("CLAUDE.md after / before", effect: 0, zero.map(\.contextFile)),
        ]
        let verdicts = [
            PracticesScore.verdictRow("plan-first / code-first", effect: options.planFirstEffect, planted.map(\.planFirst)),
            PracticesScore.verdictRow("CLAUDE.md after / before", effect: options.contextFileEffect, planted.map(\.contextFile)),
            PracticesScore.verdictRow("plan-first / code-first", effect: 0, zero.map(\.planFirst)),
            PracticesScore.verdictRow("CLAUDE.md after / before", effect: 0, zero.map(\.contextFile)),
        ]
        let seedRange = "\(options.firstSeed)–\(options.firstSeed + UInt64(options.seeds) - 1)"
        return """
            ## practices end to end — \(Timestamp.iso8601(Int64(Date().timeIntervalSince1970)))

            Seeds \(seedRange) of SampleGen's practices world, with the effects planted (plan-first \(options.planFirstEffect), context file \(options.contextFileEffect): AI effort times 1 − effect) and at zero, run through the built `multiplier` (ingest git, sessions, reviews; report practices --format json) and scored against truth.json; \(cases.count) runs in \(String(format: "%.0f", seconds)) s with \(options.jobs) at a time on \(ProcessInfo.processInfo.activeProcessorCount) cores. Covered: the 95% interval of the effort ratio holds the planted ratio (1 − effect); no interval counts as not covered. Cannot tell: the report's verdict.

            \(PracticesScore.header)
            \(rows.joined(separator: "\n"))

            The report's verdicts on rework share and review rounds (first minus second, 95% bootstrap interval). Planted: plan-first AI tasks' reviews ask for changes 1 − effect as often, and each rework round is 1 − effect of its share of the hours; the context file plants nothing on rework (its AI tasks are smaller, so a fixed 15 minutes of reviewer time per round weighs more).

            \(PracticesScore.verdictHeader)
            \(verdicts.joined(separator: "\n"))
            \(failures.isEmpty ? "" : "\nFailed runs (left out of the table): " + failures.joined(separator: "; ") + "\n")

            """
    }

    /// The runs' outcomes, filled in by the worker threads.
    final class Outcomes: @unchecked Sendable {
        // Invariant: every access to `values` holds `lock`.
        private var values: [Result<PracticesScore, Error>?]
        private let lock = NSLock()

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ outcome: Result<PracticesScore, Error>) { lock.withLock { values[index] = outcome } }
        func get(_ index: Int) -> Result<PracticesScore, Error>? { lock.withLock { values[index] } }
    }
}

/// What one `report practices` recovered of the practices world's truth.
struct PracticesScore: Sendable {
    /// One comparison: the planted ratio, the report's ratio and interval, and its verdict.
    struct Figure: Sendable {
        var planted: Double
        var ratio: Double?
        var low: Double?
        var high: Double?
        var verdict: String
        /// AI-assisted tasks on each side.
        var first = 0
        var second = 0
        /// The report's verdicts on rework share and review rounds (first against second).
        var rework = "cannot-tell"
        var reviewRounds = "cannot-tell"

        var covered: Bool { low.map { $0 <= planted } == true && high.map { planted <= $0 } == true }
        var width: Double? { low.flatMap { low in high.map { $0 - low } } }
        var cannotTell: Bool { verdict == "cannot-tell" }
    }

    var planFirst: Figure
    var contextFile: Figure

    var summary: String {
        func text(_ figure: Figure) -> String {
            "\(figure.ratio.map { String(format: "%.2f", $0) } ?? "–") [\(figure.low.map { String(format: "%.2f", $0) } ?? "–")–"
                + "\(figure.high.map { String(format: "%.2f", $0) } ?? "–")] planted \(String(format: "%.2f", figure.planted)) "
                + "\(figure.verdict) (\(figure.first)/\(figure.second)), rework \(figure.rework), rounds \(figure.reviewRounds)"
        }
        return "plan-first \(text(planFirst)); context file \(text(contextFile))"
    }

    enum Failure: Error, CustomStringConvertible {
        case output(String)
        var description: String {
            switch self {
            case .output(let text): return text
            }
        }
    }

    /// Scores `report practices --format json` against truth.json's `practices`.
    init(report: Data, truth: Data) throws {
        guard let result = try JSONSerialization.jsonObject(with: report) as? [String: Any],
            let world = try JSONSerialization.jsonObject(with: truth) as? [String: Any],
            let practices = world["practices"] as? [String: Any],
            let plan = practices["planFirst"] as? [String: Any], let plantedPlan = plan["ratio"] as? Double,
            let context = practices["contextFile"] as? [String: Any], let plantedContext = context["ratio"] as? Double,
            let comparison = result["planFirst"] as? [String: Any]
        else { throw Failure.output("report practices or truth.json is not the JSON expected") }
        func figure(_ comparison: [String: Any]?, planted: Double) -> Figure {
            let effort = comparison?["effort"] as? [String: Any]
            return Figure(
                planted: planted, ratio: effort?["ratio"] as? Double, low: effort?["ratioLow"] as? Double,
                high: effort?["ratioHigh"] as? Double, verdict: effort?["verdict"] as? String ?? "cannot-tell",
                first: comparison?["nFirst"] as? Int ?? 0, second: comparison?["nSecond"] as? Int ?? 0,
                rework: (comparison?["reworkShare"] as? [String: Any])?["verdict"] as? String ?? "cannot-tell",
                reviewRounds: (comparison?["reviewRounds"] as? [String: Any])?["verdict"] as? String ?? "cannot-tell")
        }
        planFirst = figure(comparison, planted: plantedPlan)
        let commit = context["commit"] as? String
        let effects = result["contextFiles"] as? [[String: Any]] ?? []
        let effect = effects.first { (($0["change"] as? [String: Any])?["commit"] as? String) == commit }
        contextFile = figure(effect?["comparison"] as? [String: Any], planted: plantedContext)
    }

    static let header = """
        | comparison | planted ratio | runs | with an interval | interval holds planted | median width | cannot tell |
        |---|---|---|---|---|---|---|
        """

    static let verdictHeader = """
        | comparison | planted effect | runs | rework share: lower / higher / cannot tell | review rounds: lower / higher / cannot tell |
        |---|---|---|---|---|
        """

    /// How often the report called rework share and review rounds lower, higher or neither.
    static func verdictRow(_ name: String, effect: Double, _ figures: [Figure]) -> String {
        func counts(_ verdicts: [String]) -> String {
            ["lower", "higher", "cannot-tell"].map { verdict in String(verdicts.filter { $0 == verdict }.count) }
                .joined(separator: " / ")
        }
        return "| \(name) | \(String(format: "%.2f", effect)) | \(figures.count) | \(counts(figures.map(\.rework))) | "
            + "\(counts(figures.map(\.reviewRounds))) |"
    }

    static func row(_ name: String, effect: Double, _ figures: [Figure]) -> String {
        let withInterval = figures.filter { $0.width != nil }
        let widths = withInterval.compactMap(\.width).sorted()
        let median = widths.isEmpty ? nil : widths.count % 2 == 1
            ? widths[widths.count / 2] : (widths[widths.count / 2 - 1] + widths[widths.count / 2]) / 2
        return "| \(name) | \(String(format: "%.2f", 1 - effect)) | \(figures.count) | \(withInterval.count) | "
            + "\(figures.filter(\.covered).count) of \(figures.count) | \(median.map { String(format: "%.2f", $0) } ?? "–") | "
            + "\(figures.filter(\.cannotTell).count) of \(figures.count) |"
    }
}
