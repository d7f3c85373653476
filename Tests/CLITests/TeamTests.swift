import Foundation
import Storage
import Support
import TestSupport
import Testing

@Suite("export, merge and team reports, run as a binary", .serialized)
struct TeamTests {
    static let sample = CLIRunner.packageRoot + "/SampleData"

    func run(_ arguments: [String]) throws -> CLIRunner.Result {
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    @Test("three machines' pseudonymised exports, merged in two orders, give the team report of one machine that read everything; exports hold no prompt text, file contents, real names or secrets")
    func team() throws {
        let work = try TemporaryDirectory("team")
        defer { work.remove() }
        let w = work.path
        // The sample repository, and the single machine that read everyone's logs (the demo).
        _ = try run(["demo", "--data", Self.sample, "--work", w + "/one", "--reports", w + "/reports"])
        let repository = w + "/one/demo/acme-shop"
        try "team-secret-for-the-test-0123".write(toFile: w + "/key", atomically: true, encoding: .utf8)
        // A log with a prompt, file contents and a secret planted, on the first machine.
        let planted = """
            {"type":"user","sessionId":"planted-1","cwd":"/home/alice/src/acme-shop","uuid":"u1","timestamp":"2026-09-01T10:00:00.000Z","message":{"role":"user","content":"Please speed up the zanzibar widget with key AKIAIOSFODNN7EXAMPLE"}}
            {"type":"assistant","sessionId":"planted-1","cwd":"/home/alice/src/acme-shop","uuid":"a1","timestamp":"2026-09-01T10:02:00.000Z","requestId":"r1","message":{"id":"m1","model":"claude-opus-4-5","role":"assistant","content":[{"type":"tool_use","id":"t1","name":"Write","input":{"file_path":"/home/alice/src/acme-shop/src/zanzibar.ts","content":"export const quetzalcoatlSecretSauce = 42"}}],"usage":{"input_tokens":1,"output_tokens":2}}}

            """
        try FileManager.default.createDirectory(atPath: w + "/planted", withIntermediateDirectories: true)
        try planted.write(toFile: w + "/planted/p.jsonl", atomically: true, encoding: .utf8)

        let machines = [("a", ["alice", "bob"]), ("b", ["carol"]), ("c", ["dave"])]
        for (name, people) in machines {
            let db = w + "/\(name).sqlite"
            _ = try run(["ingest", "git", repository, "--db", db])
            var paths = people.map { Self.sample + "/machines/" + $0 }
            if name == "a" { paths.append(w + "/planted") }
            _ = try run(["ingest", "sessions"] + paths + ["--keep-prompts", "--db", db])
            _ = try run([
                "export", "--out", w + "/\(name).export", "--pseudonymize", "--key-file", w + "/key", "--exporter",
                "\(people[0])@acme-shop.example", "--db", db,
            ])
        }
        // No export holds prompt text, file contents, real names or the planted secret.
        let forbidden = [
            "zanzibar widget", "AKIAIOSFODNN7EXAMPLE", "quetzalcoatlSecretSauce", "Alice Martin", "Bob Okafor", "Carol Iyer",
            "alice@acme-shop.example", "bob.okafor@acme-shop.example", "/home/alice", "/Users/bob", "SampleData",
        ]
        for (name, _) in machines {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: w + "/\(name).export"))
            for text in forbidden {
                #expect(bytes.range(of: Data(text.utf8)) == nil, "\(name).export contains \(text)")
            }
        }

        var reports: [String] = []
        for order in [["a", "b", "c"], ["c", "a", "b"]] {
            let db = w + "/merged-\(order.joined()).sqlite"
            _ = try run(["ingest", "git", repository, "--db", db])
            _ = try run(["ingest", "reviews", Self.sample + "/prs.json", "--db", db])
            _ = try run(["ingest", "timelog", Self.sample + "/timelog.csv", "--db", db])
            for name in order {
                let merged = try run(["merge", w + "/\(name).export", "--key-file", w + "/key", "--db", db])
                #expect(merged.stdout.contains("added"))
            }
            // The same export again adds nothing; a merge leaves the teammate's file as it was.
            let before = try Data(contentsOf: URL(fileURLWithPath: w + "/a.export"))
            let again = try run(["merge", w + "/a.export", "--key-file", w + "/key", "--db", db])
            #expect(again.stdout.contains(": 0 added"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: w + "/a.export")) == before)
            #expect(!FileManager.default.fileExists(atPath: w + "/a.export-wal"))
            reports.append(try run(["report", "retro", "--team", "--format", "json", "--db", db]).stdout)
            reports.append(try run(["report", "retro", "--team", "--format", "markdown", "--db", db]).stdout)
            let week = try run(["report", "weekly", "--week", "2026-W46", "--team", "--by-person", "--format", "json", "--db", db])
            reports.append(week.stdout)
        }
        #expect(reports[0] == reports[3] && reports[1] == reports[4] && reports[2] == reports[5])
        let single = w + "/one/demo.sqlite"
        #expect(try run(["report", "retro", "--team", "--format", "json", "--db", single]).stdout == reports[0])
        #expect(try run(["report", "retro", "--team", "--format", "markdown", "--db", single]).stdout == reports[1])
        #expect(reports[1].contains("Coverage: session logs of"))
        let weekly = try #require(try JSONSerialization.jsonObject(with: Data(reports[2].utf8)) as? [String: Any])
        #expect((weekly["people"] as? [[String: Any]])?.count ?? 0 >= 3)
        // Without --team the merging machine's own logs only: none, so no AI session figures.
        let local = try run(["report", "retro", "--format", "json", "--db", w + "/merged-abc.sqlite"]).stdout
        #expect(local != reports[0])
        #expect(local.contains("\"developersWithSessionLogs\" : 0"))
        // Every command shows the view the report shows: this machine's by default, the team's with --team.
        func aiCount(retro: String) throws -> Int {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(retro.utf8)) as? [String: Any])
            return try #require((json["counts"] as? [String: Any])?["ai"] as? Int)
        }
        func aiTasks(_ extra: [String]) throws -> (count: Int, stderr: String) {
            let listed = try run(["tasks", "--ai", "--format", "json", "--db", w + "/merged-abc.sqlite"] + extra)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
            return (rows.count, listed.stderr)
        }
        let machine = try aiTasks([])
        #expect(machine.count == (try aiCount(retro: local)))
        #expect(machine.stderr.contains("sessions merged from 3 teammate machine(s) are left out (this machine's view); --team includes them"))
        let team = try aiTasks(["--team"])
        #expect(team.count == (try aiCount(retro: reports[0])))
        #expect(team.count > machine.count)
        #expect(!team.stderr.contains("left out"))
    }

    @Test("merge refuses a database that is not an export and a missing file; export needs a key to pseudonymise; people merge joins identities")
    func errors() throws {
        let repository = try ScriptedRepository("team-errors")
        defer { repository.remove() }
        try repository.write("a.txt", "a\n")
        try repository.commit("ABC-1 first", author: "Ann Example", email: "ann@example.com")
        try repository.write("a.txt", "b\n")
        try repository.commit("ABC-2 second", author: "Ann E.", email: "ann@old.example.com")
        let db = repository.directory.path + "-team-errors.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        _ = try run(["ingest", "git", repository.directory.path, "--db", db])
        let text = db + ".txt"
        try "not an export\n".write(toFile: text, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: text) }
        let notSQLite = try CLIRunner.run(["merge", text, "--db", db])
        #expect(notSQLite.status == 65 && notSQLite.stderr.contains("is not a Multiplier export"), "\(notSQLite.stderr)")
        let notExport = try CLIRunner.run(["merge", db, "--db", db + "2"])
        defer { try? FileManager.default.removeItem(atPath: db + "2") }
        #expect(notExport.status == 65)
        #expect(notExport.stderr.contains("is not a Multiplier export"))
        #expect(try CLIRunner.run(["merge", db + ".missing", "--db", db]).status == 66)
        let folder = try CLIRunner.run(["merge", repository.directory.path, "--db", db])
        #expect(folder.status == 65 && folder.stderr.contains("is not a Multiplier export"), "\(folder.stderr)")
        // An export with a table gone or a value edited is damaged: exit 65 and what to do, not SQL.
        let export = db + ".good.export"
        defer { try? FileManager.default.removeItem(atPath: export) }
        _ = try run(["export", "--out", export, "--db", db])
        for (edit, reason) in [
            ("DROP TABLE session", "no such table: session"),
            ("INSERT INTO session_event (tool, key, time_ms) VALUES ('claude-code', 'x', 'soon')", "1 value is not a whole number"),
        ] {
            let damaged = db + ".damaged.export"
            // The edit opens the copy as a database of ours (WAL): its journal files go with it.
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: damaged + suffix) } }
            try? FileManager.default.removeItem(atPath: damaged)
            try FileManager.default.copyItem(atPath: export, toPath: damaged)
            try Database(path: damaged, migrations: nil).execute(edit)
            let merged = try CLIRunner.run(["merge", damaged, "--db", db])
            #expect(merged.status == 65, "\(edit): \(merged.stderr)")
            #expect(merged.stderr.contains("is a damaged Multiplier export (\(reason)); ask its sender to export it again"), "\(merged.stderr)")
        }
        #expect(try CLIRunner.run(["export", "--out", db + ".export", "--pseudonymize", "--db", db]).status == 64)
        let people = try run(["people", "--db", db]).stdout
        #expect(people.contains("ann@example.com") && people.contains("ann@old.example.com"))
        let known = try run(["people", "merge", "ann@example.com", "ann@old.example.com", "--db", db])
        #expect(!known.stderr.contains("no author"))
        let typo = try run(["people", "merge", "ann@example.com", "ann@odl.example.com", "--db", db])
        #expect(typo.stderr.contains("no author of the ingested history is named or has the email 'ann@odl.example.com'"), "\(typo.stderr)")
        let joined = try run(["people", "--format", "json", "--db", db]).stdout
        let list = try #require(try JSONSerialization.jsonObject(with: Data(joined.utf8)) as? [[String: Any]])
        #expect(list.count == 1)
        #expect((list.first?["emails"] as? [String])?.count == 2)
        #expect(try CLIRunner.run(["people", "merge", "nobody@example.com", "x", "--db", db]).status == 64)
        #expect(try CLIRunner.run(["people", "merge", "ann@example.com", "Ann@Example.com", "--db", db]).status == 64)
    }
}

@Suite("several repositories in one database", .serialized)
struct MultiRepositoryTests {
    @Test("ingest git takes several repositories; --repo filters tasks, reports and exports")
    func repositories() throws {
        let first = try ScriptedRepository("shop")
        let second = try ScriptedRepository("billing")
        defer {
            first.remove()
            second.remove()
        }
        try first.write("src/api/users.ts", "a\n")
        try first.commit("ABC-1 users endpoint")
        try second.write("src/tax.py", "b\n")
        try second.commit("XY-1 tax rules")
        try first.git("tag", "t1")
        try second.git("tag", "t1")
        try second.write("src/tax.py", "c\n")
        try second.commit("XY-2 tax rounding", date: "2026-01-06T10:00:00+0000")
        let db = first.directory.path + "-multi.sqlite"
        defer { try? FileManager.default.removeItem(atPath: db) }
        let ingest = try CLIRunner.run(["ingest", "git", first.directory.path, second.directory.path, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("tasks: 3 in all"))
        let name = (second.directory.path as NSString).lastPathComponent
        let tasks = try CLIRunner.run(["tasks", "--repo", name, "--format", "json", "--db", db])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(tasks.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 2 && list.allSatisfy { ($0["repository"] as? String)?.hasSuffix(name) == true })
        let retro = try CLIRunner.run(["report", "retro", "--repo", name, "--format", "json", "--db", db])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(retro.stdout.utf8)) as? [String: Any])
        #expect((json["counts"] as? [String: Any])?["tasks"] as? Int == 2)
        // An unknown repository: the same line and exit in every command that takes --repo.
        for command in [["report", "retro"], ["review"], ["context"], ["export", "--out", db + ".nope"]] {
            let unknown = try CLIRunner.run(command + ["--repo", "nope", "--db", db])
            #expect(unknown.status == 64, "\(command): \(unknown.stderr)")
            #expect(unknown.stderr.hasPrefix("multiplier: error: no ingested repository 'nope'; 'multiplier status' lists them\n"), "\(command)")
        }
        // The release's blame share is of one repository: given with --repo, not across two.
        func surviving(_ arguments: [String]) throws -> [String: Any]? {
            let run = try CLIRunner.run(["report", "retro", "--since", "t1", "--format", "json", "--db", db] + arguments)
            #expect(run.status == 0, "\(run.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return (json["aiShare"] as? [String: Any])?["surviving"] as? [String: Any]
        }
        #expect(try surviving(["--repo", name])?["lines"] as? Int == 1)
        #expect(try surviving([]) == nil)
        let export = try CLIRunner.run(["export", "--out", db + ".export", "--repo", name, "--db", db])
        defer { try? FileManager.default.removeItem(atPath: db + ".export") }
        #expect(export.status == 0 && export.stdout.contains("0 sessions"))
    }
}
