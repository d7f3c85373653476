import Foundation
import Support

/// `MultiplierBench validity [--seeds N] [--world NAME]... [--confounder NAME]... [--jobs N]`:
/// fresh seeds of each world through the built binary (see `Validity`), one table row per world.
/// Without `--world` or `--confounder`: both realistic worlds, the plain one, and every
/// confounder alone on the plain world.
enum ValidityBenchmark {
    static let usage = "usage: MultiplierBench validity [--seeds N] [--first-seed N] [--world NAME]... "
        + "[--confounder NAME]... [--jobs N] [--no-append]\n"

    struct Options {
        var seeds = 20
        var firstSeed: UInt64 = 101
        var worlds: [String] = []
        var confounders: [String] = []
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
            case "--world": options.worlds.append(value)
            case "--confounder": options.confounders.append(value)
            default: return nil
            }
            index += 2
        }
        return options
    }

    static func run(_ options: Options) throws -> String {
        let validity = Validity(besides: CommandLine.arguments[0], environment: environment())
        var worlds = options.worlds.map { Validity.Case(world: $0, seed: 0) }
        worlds += options.confounders.map { Validity.Case(world: "plain", confounders: [$0], seed: 0) }
        if worlds.isEmpty {
            worlds = ["realistic-linear", "realistic-squash", "plain"].map { Validity.Case(world: $0, seed: 0) }
            worlds += try validity.confounders().map { Validity.Case(world: "plain", confounders: [$0], seed: 0) }
        }
        let cases: [Validity.Case] = worlds.flatMap { world in
            (0..<options.seeds).map { offset in
                var item = world
                item.seed = options.firstSeed + UInt64(offset)
                return item
            }
        }
        let scratch = FileManager.default.temporaryDirectory.path + "/multiplier-validity-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }  // our own scratch folder
        let results = Results(count: cases.count)
        let next = Results.Counter()
        let started = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: options.jobs) { _ in
            while let index = next.take(below: cases.count) {
                let item = cases[index]
                let work = scratch + "/\(index)"
                let outcome = Result { try validity.run(item, work: work) }
                try? FileManager.default.removeItem(atPath: work)  // our own scratch folder; a leftover is harmless
                results.set(index, outcome)
                let line = (try? outcome.get()).map { both in
                    let score = both.headline
                    let figures = [score.precision, score.recall, score.categoryAccuracy, score.coverage, score.endToEndError]
                    return figures.map { $0.map { String(format: "%.2f", $0) } ?? "–" }.joined(separator: " ")
                } ?? "failed: \(String(describing: outcome))"
                FileDescriptorWriter.writeAll("validity \(item.label) seed \(item.seed): \(line)\n", to: STDERR_FILENO)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        var rows: [String] = []
        var failures: [String] = []
        for world in worlds {
            var scores: [Validity.Score] = []
            var adjusted: [Validity.Score] = []
            for (index, item) in cases.enumerated() where item.label == world.label {
                switch results.get(index) {
                case .success(let outcome):
                    scores.append(outcome.headline)
                    adjusted.append(outcome.adjusted)
                case .failure(let error): failures.append("\(item.label) seed \(item.seed): \(error)")
                case nil: failures.append("\(item.label) seed \(item.seed): not run")
                }
            }
            rows.append(Validity.Score.pooled(scores).row(world.label))
            rows.append(Validity.Score.pooled(adjusted).row(world.label + ", adjusted ratio"))
        }
        let seedRange = "\(options.firstSeed)–\(options.firstSeed + UInt64(options.seeds) - 1)"
        return """
            ## validity end to end — \(Timestamp.iso8601(Int64(Date().timeIntervalSince1970)))

            Seeds \(seedRange) of each world, generated by SampleGen and run through the built `multiplier` (ingest git, sessions, reviews; tasks --bots; report retro), scored against truth.json; \(cases.count) runs in \(String(format: "%.0f", seconds)) s with \(options.jobs) at a time on \(ProcessInfo.processInfo.activeProcessorCount) cores. Precision and recall of "AI-assisted" and category accuracy over planted people's tasks matched to a built task; coverage over (seed, category) cases with an interval; end-to-end error = retro endToEnd.ratio − truth endToEnd.ratio. Each world's second row scores the same runs' ratios adjusted for size and person (`adjustedRatio`, the check) instead of the headline ratios of geometric means.

            \(Validity.Pooled.header)
            \(rows.joined(separator: "\n"))
            \(failures.isEmpty ? "" : "\nFailed runs (left out of the table): " + failures.joined(separator: "; ") + "\n")

            """
    }

    /// The caller's environment with git's user configuration left out, so every run builds the same repository.
    static func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        return environment
    }

    /// The runs' outcomes, filled in by the worker threads.
    final class Results: @unchecked Sendable {
        // Invariant: every access to `outcomes` holds `lock`.
        private var outcomes: [Result<Validity.Outcome, Error>?]
        private let lock = NSLock()

        init(count: Int) { outcomes = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ outcome: Result<Validity.Outcome, Error>) { lock.withLock { outcomes[index] = outcome } }
        func get(_ index: Int) -> Result<Validity.Outcome, Error>? { lock.withLock { outcomes[index] } }

        /// Hands out run indices to the workers, each once.
        final class Counter: @unchecked Sendable {
            // Invariant: `value` is read and written only under `lock`.
            private var value = 0
            private let lock = NSLock()

            func take(below limit: Int) -> Int? {
                lock.withLock {
                    guard value < limit else { return nil }
                    value += 1
                    return value - 1
                }
            }
        }
    }
}
