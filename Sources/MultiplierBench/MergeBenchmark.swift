import Foundation
import Model
import Storage
import Support

/// `MultiplierBench merge EXPORTS SESSIONS`: writes EXPORTS synthetic exports of SESSIONS
/// sessions each (12 events, 3 files, 2 models, a commit and prompt words per session), then
/// times reading and merging all of them into a fresh database.
enum MergeBenchmark {
    static func run(exports: Int, sessions: Int) throws -> String {
        let directory = FileManager.default.temporaryDirectory.path + "/multiplier-merge-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer {
            // Our own scratch folder; a leftover is harmless.
            try? FileManager.default.removeItem(atPath: directory)
        }
        var generator = SplitMixLite(seed: 3)
        var bytes = 0
        let writeSeconds = try Benchmark.seconds {
            for machine in 0..<exports {
                let items = (0..<sessions).map { index -> ExportedSession in
                    let start = 1_760_000_000_000 + Int64(generator.next() % 10_000_000_000)
                    var session = ExportedSession(
                        tool: "claude-code", key: "m\(machine)-s\(index)", parentKey: nil, repositoryRootCommit: "abc",
                        repositoryOrigin: nil, repositoryName: "shop", workingDirectory: nil, owner: "p-\(machine % 7)",
                        branch: "feature/x-\(index % 50)", prompts: Int(generator.next() % 20),
                        eventTimes: (0..<12).map { start + Int64($0) * 60_000 }, models: ["claude-opus-4-5", "claude-haiku-4-5"],
                        filesEdited: (0..<3).map { "src/module\(Int(generator.next() % 400))/file\($0).ts" },
                        commits: [String(format: "%040x", generator.next())],
                        tokens: TokenTotals(input: 100, output: 200, cacheWrite: 300, cacheRead: 400))
                    session.promptWords = ["parser": 2, "tests": 1]
                    return session
                }
                let path = directory + "/\(machine).export"
                try ExportFile.write(
                    items, info: ExportInfo(machine: "machine-\(machine)", exporter: "p-\(machine)", created: 0, pseudonymized: true),
                    to: path)
                bytes += (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            }
        }
        let database = try Database(path: directory + "/merged.sqlite")
        let team = TeamStore(database: database)
        var added = 0
        let mergeSeconds = try Benchmark.seconds {
            for machine in 0..<exports {
                let (info, items) = try ExportFile.read(path: directory + "/\(machine).export")
                added += try team.merge(items, info: info, time: 0).added
            }
        }
        var again = 0
        let secondSeconds = try Benchmark.seconds {
            let (info, items) = try ExportFile.read(path: directory + "/0.export")
            again = try team.merge(items, info: info, time: 0).added
        }
        func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        let date = Timestamp.iso8601(Int64(Date().timeIntervalSince1970))
        return """
            ## merging exports — \(date)

            | figure | value |
            |---|---|
            | exports | \(exports) × \(sessions) sessions (12 events, 3 files, 2 models, a commit each), \(fixed(Double(bytes) / 1e6, 1)) MB |
            | machine | \(ProcessInfo.processInfo.activeProcessorCount) cores |
            | writing the exports | \(fixed(writeSeconds)) s |
            | reading and merging all into a fresh database | \(fixed(mergeSeconds)) s for \(added) sessions (goal: under 60 s) |
            | merging the first export again | \(fixed(secondSeconds)) s, \(again) added |


            """
    }
}

/// The bench's own small generator (SampleGen's is not importable here).
struct SplitMixLite {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
