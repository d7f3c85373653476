import Analysis
import Foundation
import Model
import Storage
import TestSupport
import Testing

@testable import Commands

/// `report retro` and `report weekly` read each task's figures from an index and load whole tasks
/// only where they show them; a long-lived process (`multiplier mcp`) reports from the whole tasks
/// it keeps. The two must print the same, byte for byte.
@Suite("Reports from stored figures equal reports from whole tasks")
struct ReportFiguresTests {
    static let cases: [[String]] = [
        ["retro", "--format=json"],
        ["retro", "--format=json", "--min-evidence=strong"],
        ["retro", "--format=json", "--by-person", "--since=2026-10-01", "--until=2026-11-20"],
        ["retro", "--format=markdown"],
        ["weekly", "--week=\(SampleTeam.week)", "--format=json"],
        ["weekly", "--week=\(SampleTeam.week)", "--format=json", "--no-review", "--by-person", "--min-evidence=strong"],
        ["practices", "--format=json"],
    ]

    @Test("the sample team's report from figures (the binary) equals the one from whole tasks", arguments: cases)
    func sameReport(_ arguments: [String]) throws {
        let sample = try SampleTeam.get()
        try #require(sample.status == 0)
        let fromFigures = try CLIRunner.run(["report"] + arguments + ["--db", sample.database])
        try #require(fromFigures.status == 0, "\(fromFigures.stderr)")
        let embedded = EmbeddedCommand(
            database: try Database(readOnlyPath: sample.database), environment: ScriptedRepository.environment([:]),
            currentDirectory: sample.work, log: { _ in })
        let fromWholeTasks = try embedded.run(ReportCommand.definition, arguments)
        #expect(fromFigures.stdout == fromWholeTasks)
        #expect(!fromWholeTasks.isEmpty)
    }

    @Test("the retro leaves a prototype branch's task out of its speedups and counts it, as report practices says")
    func prototypeLeftOut() throws {
        let repository = try ScriptedRepository()
        defer { repository.remove() }
        let trailer = "\n\nCo-Authored-By: Claude <noreply@anthropic.com>"
        /// Merges `branch` into main as the lead, with `message`, at `date`.
        func merge(_ branch: String, _ message: String, date: String) throws {
            try repository.git(
                ["merge", "-q", "--no-ff", branch, "-m", message],
                environment: [
                    "GIT_AUTHOR_NAME": "Lead", "GIT_AUTHOR_EMAIL": "lead@example.com", "GIT_COMMITTER_NAME": "Lead",
                    "GIT_COMMITTER_EMAIL": "lead@example.com", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
                ])
        }
        try repository.write("README.md", "r\n")
        try repository.commit("init", date: "2026-11-02T08:00:00+0000")
        try repository.git("checkout", "-q", "-b", "poc/new-search")
        try repository.write("search.py", "a\n")
        try repository.commit("Try search" + trailer, author: "Ben", email: "ben@example.com", date: "2026-11-03T10:00:00+0000")
        try repository.write("search.py", "a\nb\n")
        try repository.commit("Search more" + trailer, author: "Ben", email: "ben@example.com", date: "2026-11-03T10:40:00+0000")
        try repository.git("checkout", "-q", "main")
        try merge("poc/new-search", "Merge pull request #7 from acme/poc/new-search", date: "2026-11-03T12:00:00+0000")
        // git's own merge message names the branch and nothing else: a prototype branch is still its own task.
        try repository.git("checkout", "-q", "-b", "spike/fast-cache")
        try repository.write("cache.py", "c\n")
        try repository.commit("Try a cache" + trailer, author: "Ann", email: "ann@example.com", date: "2026-11-04T10:00:00+0000")
        try repository.git("checkout", "-q", "main")
        try merge("spike/fast-cache", "Merge branch 'spike/fast-cache'", date: "2026-11-04T12:00:00+0000")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = directory.path + "/db.sqlite"
        try #require(try CLIRunner.run(["ingest", "git", repository.path, "--db", database, "--quiet"]).status == 0)
        let retro = try CLIRunner.run(["report", "retro", "--format", "json", "--db", database])
        try #require(retro.status == 0, "\(retro.stderr)")
        let counts = try #require(
            (try JSONSerialization.jsonObject(with: Data(retro.stdout.utf8)) as? [String: Any])?["counts"] as? [String: Any])
        #expect(counts["prototypes"] as? Int == 2, "\(counts)")
        #expect(counts["ai"] as? Int == 0, "\(counts)")
    }

    @Test("the sample team's tasks stored by a binary from before the figures get them on upgrade, and the retro from them is the same")
    func upgradedSample() throws {
        let sample = try SampleTeam.get()
        try #require(sample.status == 0)
        var whole = try TaskStore(database: try Database(readOnlyPath: sample.database)).tasks()
        try #require(whole.count > 100)
        // Every AI task of the sample rests on strong evidence: make some rest on time overlap alone.
        var linked = 0
        for index in whole.indices where whole[index].ai && !whole[index].sessions.isEmpty {
            linked += 1
            guard linked % 4 == 0 else { continue }
            for session in whole[index].sessions.indices { whole[index].sessions[session].evidence = .time }
            for commit in whole[index].commits.indices { whole[index].commits[commit].aiTools = [] }
            whole[index].aiLabel = nil
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path + "/old.sqlite"
        do {
            let old = try Database(path: path, migrations: Array(Migrations.all.prefix { $0.name != "task figures" }))
            let roots = Array(Set(whole.map(\.repository))).sorted()
            for (index, root) in roots.enumerated() {
                try old.prepare("INSERT INTO repository (id, root, name) VALUES (?, ?, ?)").execute([.int(index + 1), .text(root), .text(root)])
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let insert = try old.prepare(
                """
                INSERT INTO task (id, repository_id, key, category, ai, bot, start_time, end_time, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for task in whole {
                try insert.execute([
                    .text(task.id), .int((roots.firstIndex(of: task.repository) ?? 0) + 1), .text(task.key), .text(task.category.rawValue),
                    .bool(task.ai), .bool(task.bot), .integer(task.start), .integer(task.end),
                    .text(String(decoding: try encoder.encode(task), as: UTF8.self)),
                ])
            }
        }
        let figures = try TaskStore(database: try Database(path: path)).figures()
        #expect(figures.map(\.id) == whole.map(\.id))
        #expect(figures.map(\.aiOnWeakEvidenceOnly) == whole.map(\.aiOnWeakEvidenceOnly))
        // The migration "task branch" gives the stored tasks their branches.
        #expect(figures.map(\.branch) == whole.map(\.branch))
        #expect(figures.contains { $0.branch != nil })
        #expect(whole.contains { $0.aiOnWeakEvidenceOnly })
        for minimum in MinimumEvidence.allCases {
            let analysis = RetroAnalysis(minimumEvidence: minimum)
            var fromFigures = analysis.run(figures, since: nil, until: nil)
            let fromWhole = analysis.run(whole, since: nil, until: nil)
            let titles = Dictionary(whole.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
            for index in fromFigures.lowConfidence.indices {
                fromFigures.lowConfidence[index].title = titles[fromFigures.lowConfidence[index].id] ?? ""
            }
            #expect(try JSONOutput.encode(fromFigures) == JSONOutput.encode(fromWhole))
            let week = ISOWeek(SampleTeam.week)
            try #require(week != nil)
            if let week {
                let members = Set(whole.filter { $0.end >= week.start && $0.end < week.end }.map(\.id))
                let mixed = zip(figures, whole).map { members.contains($0.0.id) ? $0.1 : $0.0 }
                let weeklyFromFigures = try JSONOutput.encode(analysis.weekly(mixed, week: week))
                #expect(try weeklyFromFigures == JSONOutput.encode(analysis.weekly(whole, week: week)))
            }
        }
    }
}
