import Foundation
import Support
import TestSupport
import Testing

/// The official MCP Python SDK against the built `multiplier mcp`, on the sample team. `.ci/run`
/// installs the SDK into a virtual environment and names its Python in `MULTIPLIER_MCP_PYTHON`;
/// without it (no network, say) this test does not run.
@Suite("multiplier mcp with the official MCP Python SDK", .serialized)
struct MCPClientTests {
    static let python = ProcessInfo.processInfo.environment["MULTIPLIER_MCP_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }

    @Test("mcp --help names every tool and report the server lists")
    func help() throws {
        let help = try CLIRunner.run(["mcp", "--help"])
        #expect(help.status == 0)
        let text = help.stdout.replacingOccurrences(of: "\n", with: " ")
        for name in ["advise", "explain_task", "forecast", "review", "speedup", "tasks", "retro", "weekly", "practices", "method"] {
            #expect(text.contains(name), "mcp --help does not name \(name)")
        }
    }

    @Test(
        "the SDK connects over stdio, lists the tools and resources, and every tool answers what the command line prints",
        .enabled(if: python != nil, "MULTIPLIER_MCP_PYTHON names no Python with the mcp package (see .ci/run)"))
    func client() throws {
        let python = try #require(Self.python)
        let database = try SampleTeam.database.get()
        let tasks = try SampleTeam.json(["tasks", "--format", "json"]).array ?? []
        let task = try #require(tasks.dropFirst(5).first?["id"]?.string)

        let process = try StreamingProcess(
            executable: python,
            arguments: [CLIRunner.packageRoot + "/Tests/CLITests/MCP/client.py", CLIRunner.binary, database, task],
            environment: ScriptedRepository.environment())
        let output = try process.readAllOutput()
        let status = try process.waitForStatus()
        try #require(status == 0, "client.py: \(process.standardError.suffix(3_000))")
        let got = try JSONValue.parse(output)
        let calls = try #require(got["calls"])

        #expect(["2025-11-25", "2025-06-18", "2025-03-26"].contains(got["protocolVersion"]?.string ?? ""))
        #expect(got["serverName"] == .string("multiplier"))
        let tools = JSONValue.array(["advise", "explain_task", "forecast", "review", "speedup", "tasks"].map { .string($0) })
        #expect(got["tools"] == tools)
        #expect(got["toolsWithOutputSchema"] == tools)
        #expect(got["resources"]?.array?.count == 4)
        #expect(got["resources"]?.array?.contains(.string("multiplier://reports/practices")) == true)
        if let auto = got["autoClient"] {  // SDK 2.x: server/discover first, then initialize
            #expect(auto["tools"]?.number == 6)
        }

        // speedup is the retro's categories, zones and end-to-end figures, with and without a period.
        let retro = try SampleTeam.json(["report", "retro", "--format", "json"])
        let speedup = calls["speedup"]?["structured"]
        for key in ["categories", "zones", "endToEnd", "counts"] { #expect(speedup?[key] == retro[key], "\(key)") }
        #expect((speedup?["categories"]?.array?.count ?? 0) >= 10)
        let since = try SampleTeam.json(["report", "retro", "--since", "2026-10-01", "--format", "json"])
        #expect(calls["speedup_since"]?["structured"]?["endToEnd"] == since["endToEnd"])
        #expect(calls["speedup_since"]?["structured"]?["counts"] != speedup?["counts"])

        // tasks: the command's list, newest last, limited.
        let ai = try SampleTeam.json(["tasks", "--ai", "--format", "json"]).array ?? []
        #expect(calls["tasks"]?["structured"]?["tasks"] == .array(Array(ai.suffix(5))))
        #expect(calls["tasks"]?["structured"]?["total"]?.number == Double(ai.count))
        let tests = try SampleTeam.json(["tasks", "--category", "tests", "--format", "json"]).array ?? []
        #expect(calls["tasks_category"]?["structured"]?["tasks"] == .array(tests))
        #expect(!tests.isEmpty)

        // explain_task: the command's text, and the task's entry.
        let explanation = try SampleTeam.run(["tasks", "--explain", task])
        #expect(calls["explain_task"]?["text"]?.string == explanation)
        #expect(calls["explain_task"]?["structured"]?["task"]?["id"]?.string == task)

        // advise: the classifier's category, the retro's figures for it, and review counts of its tasks.
        let advise = try #require(calls["advise"]?["structured"])
        let category = try #require(advise["category"]?.string)
        #expect(category == "crud")
        #expect(advise["measured"] == retro["categories"]?.array?.first { $0["category"]?.string == category })
        let all = try SampleTeam.json(["tasks", "--category", category, "--format", "json"]).array ?? []
        #expect(advise["review"]?["ai"]?["tasks"]?.number == Double(all.filter { $0["ai"] == .bool(true) }.count))
        #expect(advise["review"]?["human"]?["tasks"]?.number == Double(all.filter { $0["ai"] == .bool(false) }.count))
        #expect(advise["reading"]?.string?.contains(category) == true)

        // forecast: what `multiplier plan` prints for the same backlog, runs and seed.
        let work = try TemporaryDirectory("mcp-client")
        defer { work.remove() }
        try work.write(
            "backlog.csv",
            """
            id,title,category,estimate_hours,ai
            B-1,Add CRUD screens for invoices,crud,6.0,auto
            B-2,Fix race in the cache invalidation,,10.0,no

            """)
        let plan = try SampleTeam.json(["plan", work.path + "/backlog.csv", "--runs", "2000", "--seed", "7", "--format", "json"])
        #expect(calls["forecast"]?["structured"] == plan)

        // review: what `multiplier review` prints for the same period (on a copy: a review caches diffs, the
        // server reads them from git without writing).
        let copy = work.path + "/review.sqlite"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: database + suffix) {
            try FileManager.default.copyItem(atPath: database + suffix, toPath: copy + suffix)
        }
        let review = try CLIRunner.run(["review", "--since", "2026-10-01", "--until", "2026-11-23", "--format", "json", "--db", copy])
        #expect(review.status == 0, "\(review.stderr)")
        let reviewed = try JSONValue.parse(Array(review.stdout.utf8))
        let items = reviewed["items"]?.array ?? []
        #expect(!items.isEmpty)
        #expect(calls["review"]?["structured"]?["items"] == .array(Array(items.prefix(5))))
        #expect(calls["review"]?["structured"]?["total"]?.number == Double(items.count))
        #expect(calls["review_range"]?["isError"] == .bool(true))

        // Failures are tool results with isError, the SQL in them inert.
        #expect(calls["explain_missing"]?["isError"] == .bool(true))
        #expect(calls["explain_missing"]?["text"]?.string?.contains("no task") == true)
        #expect(calls["tasks_bad"]?["isError"] == .bool(true))
        // A period git cannot read is an error, not a silent "now" with no tasks.
        #expect(calls["speedup_bad"]?["isError"] == .bool(true))
        #expect(calls["speedup_bad"]?["text"]?.string?.contains("expects a date (2026-11-02)") == true, "\(String(describing: calls["speedup_bad"]))")
        for name in ["speedup", "speedup_since", "advise", "tasks", "tasks_category", "explain_task", "forecast", "review"] {
            #expect(calls[name]?["isError"] == .bool(false), "\(name)")
        }

        // Resources: the reports as the command renders them, and METHOD.md.
        let reads = try #require(got["reads"])
        #expect(reads["multiplier://reports/retro"]?.string == (try SampleTeam.run(["report", "retro", "--format", "markdown"])))
        let weekly = reads["multiplier://reports/weekly"]?.string ?? ""
        let week = try #require(weekly.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        #expect(weekly == (try SampleTeam.run(["report", "weekly", "--week", week, "--format", "markdown"])))
        #expect(reads["multiplier://reports/practices"]?.string == (try SampleTeam.run(["report", "practices", "--format", "markdown"])))
        let method = try String(contentsOfFile: CLIRunner.packageRoot + "/Sources/METHOD.md", encoding: .utf8)
        #expect(reads["multiplier://method"]?.string == method)
    }
}
