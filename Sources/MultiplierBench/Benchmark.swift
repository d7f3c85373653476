import Foundation
import Classification
import Ingestion
import Storage
import Support
import Tasks

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `MultiplierBench git PATH [--no-append]`: ingestion speed against its floor, `git log` itself;
/// `MultiplierBench sessions PATH...`: session-log ingestion against `cat` and a Python loop;
/// `MultiplierBench validity`: the method end to end on SampleGen's worlds (ValidityBenchmark);
/// `MultiplierBench practices`: `report practices` end to end on SampleGen's practices world.
///
/// In one run: `git log` with the ingestion's own format and options to
/// /dev/null (before and after, the faster counts), a full ingest into a fresh
/// database, and a second, incremental ingest of the unchanged repository.
/// Prints the figures and appends them to `Reports/benchmarks.md`.
#if canImport(Glibc)
    /// Glibc imports RUSAGE_SELF as an enum case; getrusage takes its raw value.
    private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
    private let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

@main
struct Benchmark {
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        var arguments = Array(CommandLine.arguments.dropFirst())
        let append = !arguments.contains("--no-append")
        arguments.removeAll { $0 == "--no-append" }
        let usage = "usage: MultiplierBench git PATH | sessions PATH... | make-sessions SOURCE OUT MEGABYTES | report TASKS | report-db TASKS... [--keep DIR] | plan TASKS | merge EXPORTS SESSIONS | classify [SET] | train-classifier [SET] | classify-tune [SET] | classify-mistakes CATEGORY [SET] | classify-fixture [SET] [--no-append]\n"
            + "       " + ValidityBenchmark.usage.dropFirst("usage: ".count)
            + "       " + PracticesBenchmark.usage.dropFirst("usage: ".count)
        if arguments.first == "practices" {
            guard let options = PracticesBenchmark.parse(Array(arguments.dropFirst())) else {
                FileDescriptorWriter.writeAll(PracticesBenchmark.usage, to: STDERR_FILENO)
                exit(64)
            }
            do {
                let report = try PracticesBenchmark.run(options)
                FileDescriptorWriter.writeAll(report, to: STDOUT_FILENO)
                if append { try appendToReports(report) }
            } catch {
                FileDescriptorWriter.writeAll("MultiplierBench: error: \(error)\n", to: STDERR_FILENO)
                exit(1)
            }
            return
        }
        if arguments.first == "validity" {
            guard let options = ValidityBenchmark.parse(Array(arguments.dropFirst())) else {
                FileDescriptorWriter.writeAll(ValidityBenchmark.usage, to: STDERR_FILENO)
                exit(64)
            }
            do {
                let report = try ValidityBenchmark.run(options)
                FileDescriptorWriter.writeAll(report, to: STDOUT_FILENO)
                if append { try appendToReports(report) }
            } catch {
                FileDescriptorWriter.writeAll("MultiplierBench: error: \(error)\n", to: STDERR_FILENO)
                exit(1)
            }
            return
        }
        guard arguments.count >= 2 || ["classify", "classify-tune", "train-classifier", "classify-fixture", "classify-mistakes"].contains(arguments.first ?? "") else {
            FileDescriptorWriter.writeAll(usage, to: STDERR_FILENO)
            exit(64)
        }
        do {
            let report: String
            switch arguments[0] {
            case "git" where arguments.count == 2: report = try benchmarkGit(path: arguments[1])
            case "sessions": report = try SessionBenchmark.run(paths: Array(arguments.dropFirst()))
            case "merge" where arguments.count == 3:
                report = try MergeBenchmark.run(exports: Int(arguments[1]) ?? 50, sessions: Int(arguments[2]) ?? 10_000)
            case "plan" where arguments.count == 2: report = try PlanBenchmark.run(count: Int(arguments[1]) ?? 500)
            case "report-db" where arguments.count >= 2:
                let keep = arguments.firstIndex(of: "--keep").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
                report = try ReportDatabaseBenchmark.run(
                    counts: arguments.dropFirst().filter { $0 != keep }.compactMap { Int($0) }, executable: CommandLine.arguments[0],
                    keep: keep)
            case "report" where arguments.count == 2: report = try ReportBenchmark.run(count: Int(arguments[1]) ?? 100_000)
            case "classify" where arguments.count <= 2:
                report = try ClassifyBenchmark.run(path: arguments.count == 2 ? arguments[1] : ClassifyBenchmark.defaultPath)
            case "train-classifier" where arguments.count <= 2:
                FileDescriptorWriter.writeAll(
                    try ClassifyBenchmark.train(path: arguments.count == 2 ? arguments[1] : ClassifyBenchmark.defaultPath),
                    to: STDOUT_FILENO)
                return
            case "classify-tune" where arguments.count <= 2:
                FileDescriptorWriter.writeAll(
                    try ClassifyBenchmark.tune(path: arguments.count == 2 ? arguments[1] : ClassifyBenchmark.defaultPath),
                    to: STDOUT_FILENO)
                return
            case "classify-mistakes" where arguments.count == 2 || arguments.count == 3:
                FileDescriptorWriter.writeAll(
                    try ClassifyBenchmark.mistakes(
                        path: arguments.count == 3 ? arguments[2] : ClassifyBenchmark.defaultPath, category: arguments[1]),
                    to: STDOUT_FILENO)
                return
            case "classify-fixture" where arguments.count <= 2:
                FileDescriptorWriter.writeAll(
                    try ClassifyBenchmark.fixture(path: arguments.count == 2 ? arguments[1] : ClassifyBenchmark.defaultPath),
                    to: STDOUT_FILENO)
                return
            case "make-sessions" where arguments.count == 4:
                FileDescriptorWriter.writeAll(
                    try SessionBenchmark.make(source: arguments[1], output: arguments[2], megabytes: Int(arguments[3]) ?? 300),
                    to: STDOUT_FILENO)
                return
            default:
                FileDescriptorWriter.writeAll(usage, to: STDERR_FILENO)
                exit(64)
            }
            FileDescriptorWriter.writeAll(report, to: STDOUT_FILENO)
            if append { try appendToReports(report) }
        } catch {
            FileDescriptorWriter.writeAll("MultiplierBench: error: \(error)\n", to: STDERR_FILENO)
            exit(1)
        }
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The median of some timings (one run of a sub-second figure is noise-bound); 0 for none.
    static func median(_ times: [Double]) -> Double {
        let sorted = times.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// Runs `git log` exactly as ingestion does, with stdout sent to /dev/null by the shell.
    static func floor(_ git: GitInvocation) throws -> Double {
        try seconds {
            let process = try StreamingProcess(
                executable: "sh",
                arguments: ["-c", "exec \"$0\" \"$@\" >/dev/null", "git"]
                    + git.arguments(GitInvocation.logArguments + ["HEAD"]),
                environment: git.environment)
            _ = try process.readAllOutput()
            try process.waitForSuccess()
        }
    }

    static func benchmarkGit(path: String) throws -> String {
        // As `multiplier ingest` does: the peak below is the command's.
        Allocator.configureForLargeBuilds()
        let environment = ProcessInfo.processInfo.environment
        let quiet = Console(out: { _ in }, err: { _ in })
        let directory = FileManager.default.temporaryDirectory.path + "/multiplier-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer {
            // Cleanup of our own scratch folder; a leftover is harmless.
            try? FileManager.default.removeItem(atPath: directory)
        }
        let database = try Database(path: directory + "/bench.sqlite")
        let ingestor = GitIngestor(database: database, console: quiet, environment: environment)
        let root = try ingestor.repositoryRoot(of: path)
        let git = GitInvocation(repository: root, environment: environment)

        let floorBefore = try floor(git)
        var first: GitIngestResult?
        let ingestSeconds = try seconds { first = try ingestor.ingest(path: root) }
        var second: GitIngestResult?
        let incrementalSeconds = try seconds { second = try ingestor.ingest(path: root) }
        var taskReport: TaskRebuild.Report?
        let taskSeconds = try seconds { taskReport = try TaskRebuild.run(database: database, config: RuleConfig()) }
        var taskRebuildReport: TaskRebuild.Report?
        let taskRebuildSeconds = try seconds {
            taskRebuildReport = try TaskRebuild.run(database: database, config: RuleConfig())
        }
        let floorAfter = try floor(git)
        let floorSeconds = min(floorBefore, floorAfter)
        let commits = first?.newCommits ?? 0

        var usage = rusage()
        getrusage(RUSAGE_SELF_WHO, &usage)
        let peakMB = Double(usage.ru_maxrss) / 1024  // Linux reports KiB
        let databaseMB = Double((try? FileManager.default.attributesOfItem(atPath: directory + "/bench.sqlite")[.size] as? Int) ?? 0) / 1e6

        func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        var uts = utsname()
        uname(&uts)
        let machine = withUnsafeBytes(of: &uts.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let date = Timestamp.iso8601(Int64(Date().timeIntervalSince1970))
        return """
            ## git ingestion — \(date)

            | figure | value |
            |---|---|
            | repository | \(root) (\((root as NSString).lastPathComponent)) |
            | commits | \(commits) (\(second?.newCommits ?? -1) new on the second run) |
            | machine | \(machine), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(fixed(Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824, 0)) GiB |
            | floor: git log to /dev/null | \(fixed(floorSeconds)) s (runs: \(fixed(floorBefore)) s, \(fixed(floorAfter)) s) |
            | ingest into a fresh database | \(fixed(ingestSeconds)) s, \(fixed(Double(commits) / max(ingestSeconds, 1e-9), 0)) commits/s |
            | ratio to the floor | \(fixed(ingestSeconds / max(floorSeconds, 1e-9))) × |
            | building tasks (grouping, linking, effort, churn, classification) | \(fixed(taskSeconds)) s for \(taskReport?.tasks ?? 0) tasks: \(fixed(100 * taskSeconds / max(ingestSeconds, 1e-9), 0)) % of the ingest |
            | rebuilding tasks, nothing changed | \(fixed(taskRebuildSeconds)) s (\(taskRebuildReport?.saved.unchanged ?? 0) unchanged, none written) |
            | incremental ingest, nothing new | \(fixed(incrementalSeconds, 3)) s (\(fixed(100 * incrementalSeconds / max(ingestSeconds, 1e-9), 1)) % of the first) |
            | peak memory of the Multiplier process | \(fixed(peakMB, 1)) MB |
            | database size | \(fixed(databaseMB, 1)) MB |


            """
    }

    /// Appends to `Reports/benchmarks.md` in the current folder (the package root under `swift run`).
    static func appendToReports(_ report: String) throws {
        let path = FileManager.default.currentDirectoryPath + "/Reports/benchmarks.md"
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try "# Benchmarks\n\nAppended by `swift run -c release MultiplierBench`; newest last.\n\n".write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }  // closing a file we only appended to cannot lose data already written
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(report.utf8))
    }
}
