import Foundation
import TestSupport
import Testing

/// Every report in every format its command prints, from the sample team, compared with the
/// files in `Tests/CLITests/Goldens/`, so that a change to any output shows in review.
/// `UPDATE_GOLDENS=1 swift test --filter Golden` rewrites them (and the screenshots in Reports/).
@Suite("Golden files: every report in every format, from the sample team")
struct GoldenTests {
    static let folder = CLIRunner.packageRoot + "/Tests/CLITests/Goldens"
    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1"

    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var arguments: [String]
        /// The command writes to the database (a review caches the diffs it read): it runs on a copy,
        /// since the sample is shared by suites that check it is left unchanged.
        var writes = false
        var testDescription: String { file }
    }

    /// A week, and the tasks and sessions that ended in it, fix what a clock would otherwise choose.
    static let week = ["--since", "2026-11-09", "--until", "2026-11-16"]
    static let backlog = CLIRunner.packageRoot + "/SampleData/backlog.csv"

    static let cases: [Case] = {
        var cases: [Case] = []
        func add(_ name: String, _ arguments: [String], formats: [String], tables: [String] = [], writes: Bool = false) {
            for format in formats {
                let suffix = ["text": "txt", "markdown": "md"][format] ?? format
                cases.append(Case(file: "\(name).\(suffix)", arguments: arguments + ["--format", format], writes: writes))
            }
            for table in tables {
                cases.append(
                    Case(file: "\(name)-\(table).csv", arguments: arguments + ["--format", "csv", "--table", table], writes: writes))
            }
        }
        let reports = ["text", "markdown", "json", "html"]
        add("weekly", ["report", "weekly", "--week", SampleTeam.week], formats: reports, tables: ["trend", "tasks"])
        add("retro", ["report", "retro"], formats: reports, tables: ["categories", "zones", "weeks", "review", "low-confidence"])
        add("practices", ["report", "practices"], formats: reports, tables: ["effort", "differences"])
        add("plan", ["plan", backlog], formats: reports, tables: ["totals", "categories", "risks"])
        add("backtest", ["plan", "--backtest"], formats: reports, tables: ["windows"])
        add("tasks", ["tasks"] + week, formats: ["text", "json", "csv"])
        add("sessions", ["sessions"] + week, formats: ["text", "json", "csv"])
        add("status", ["status"], formats: ["text", "json"])
        add("people", ["people"], formats: ["text", "json"])
        add("review", ["review"] + week, formats: reports, tables: ["tasks", "findings"], writes: true)
        return cases
    }()

    @Test("the output matches its golden file", arguments: cases)
    func golden(_ golden: Case) throws {
        let sample = try SampleTeam.get()
        try #require(sample.status == 0, "\(sample.stderr)")
        var database = sample.database
        let copy = golden.writes ? try TemporaryDirectory("golden-copy") : nil
        defer { copy?.remove() }
        if let copy {
            database = copy.path + "/demo.sqlite"
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: sample.database + suffix) {
                try FileManager.default.copyItem(atPath: sample.database + suffix, toPath: database + suffix)
            }
        }
        let result = try CLIRunner.run(golden.arguments + ["--db", database])
        #expect(result.status == 0, "\(result.stderr)")
        let actual = Self.normalised(result.stdout, work: sample.work)
        let path = Self.folder + "/" + golden.file
        if Self.updating {
            try FileManager.default.createDirectory(atPath: Self.folder, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try #require(
            try? String(contentsOfFile: path, encoding: .utf8),
            "no golden file \(golden.file): run UPDATE_GOLDENS=1 swift test --filter Golden")
        let report = "\(golden.file) differs from its golden file (UPDATE_GOLDENS=1 swift test --filter Golden rewrites it):\n"
            + Self.difference(expected: expected, actual: actual)
        #expect(actual == expected, "\(report)")
    }

    @Test("every golden file belongs to a case (none left behind by a renamed report)")
    func noStrayGoldens() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder)
        #expect(Set(files).subtracting(Self.cases.map(\.file)).isEmpty)
    }

    /// The three things a run does not fix: the folder the sample was built in (and the package's),
    /// the wall-clock time of the ingest that `status` reports, and the schema version it reports
    /// (each migration, on any branch, would otherwise change these goldens).
    static func normalised(_ text: String, work: String) -> String {
        var text = text.replacingOccurrences(of: work, with: "$WORK")
            .replacingOccurrences(of: CLIRunner.packageRoot, with: "$PACKAGE")
        for pattern in [#"(last ingest +)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, #"("lastIngest" : ")\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#] {
            text = text.replacingOccurrences(of: pattern, with: "$1<ingest time>", options: .regularExpression)
        }
        for pattern in [#"(\(schema )\d+(\))"#, #"("schemaVersion" : )\d+()"#] {
            text = text.replacingOccurrences(of: pattern, with: "$1<version>$2", options: .regularExpression)
        }
        return text
    }

    /// The lines that differ, numbered, with a line of context before the first: enough to see
    /// what changed without a diff tool.
    static func difference(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var out: [String] = []
        var shown = 0
        for index in 0..<max(old.count, new.count) where shown < 12 {
            let before = index < old.count ? old[index] : nil
            let after = index < new.count ? new[index] : nil
            guard before != after else { continue }
            if shown == 0 && index > 0 { out.append("  \(index):   \(old[index - 1])") }
            out.append("  \(index + 1): - \(before ?? "(no line)")")
            out.append("  \(index + 1): + \(after ?? "(no line)")")
            shown += 1
        }
        if old.count != new.count { out.append("  (\(old.count) lines expected, \(new.count) printed)") }
        return out.joined(separator: "\n")
    }
}
