import Foundation
import Storage
import Support
import TestSupport
import Testing

/// `status` on databases in unusual states, and bots the configuration names.
@Suite("status: configured bots, a damaged database")
struct DatabaseStateTests {
    static func repository() throws -> ScriptedRepository {
        let repository = try ScriptedRepository("status-state")
        for index in 0..<40 {
            try repository.write("src/f\(index).txt", String(repeating: "line \(index)\n", count: 200))
            try repository.commit("change \(index)", date: String(format: "2026-01-%02dT10:00:00+0000", 5 + index % 20))
        }
        try repository.write("VERSION", "1.0.1\n")
        try repository.commit("Release 1.0.1", author: "Release Robot", email: "release-robot@example.com", date: "2026-01-30T10:00:00+0000")
        return repository
    }

    @Test("status counts the bots .multiplier.json names, as the tasks do")
    func configuredBots() throws {
        let repository = try Self.repository()
        defer { repository.remove() }
        try repository.write(".multiplier.json", #"{"bots": ["release robot"]}"#)
        let db = repository.path + "/.git/status-bots.sqlite"
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        let status = try CLIRunner.run(["status", "--format", "json", "--db", db])
        #expect(status.status == 0, "\(status.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let entry = try #require((json["repositories"] as? [[String: Any]])?.first)
        #expect(entry["botCommits"] as? Int == 1)
    }

    @Test("a stored task that cannot be read is exit 65 with advice that works: classify rebuilds it")
    func unreadableTask() throws {
        let repository = try Self.repository()
        defer { repository.remove() }
        let db = repository.path + "/.git/unreadable-task.sqlite"
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        do {
            let database = try Database(path: db)
            try database.execute("UPDATE task SET detail = '{' WHERE id = (SELECT min(id) FROM task)")
        }
        let damaged = try CLIRunner.run(["tasks", "--db", db])
        #expect(damaged.status == 65)
        #expect(damaged.stderr.contains("run `multiplier classify` to rebuild the tasks"), "\(damaged.stderr)")
        #expect(try CLIRunner.run(["classify", "--db", db, "--quiet"]).status == 0)
        let mended = try CLIRunner.run(["tasks", "--db", db])
        #expect(mended.status == 0, "\(mended.stderr)")
    }

    @Test("a database another program altered (a table dropped, the schema version reset) is bad data, exit 65, with what to do")
    func alteredSchema() throws {
        let repository = try Self.repository()
        defer { repository.remove() }
        for (name, change) in [("dropped", "DROP TABLE task"), ("reset", "PRAGMA user_version = 0")] {
            let db = repository.path + "/.git/\(name).sqlite"
            #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
            do { try Database(path: db).execute(change) }
            let result = try CLIRunner.run(["tasks", "--db", db])
            #expect(result.status == 65, "\(name): \(result.stderr)")
            #expect(result.stderr.contains("restore it from a copy"), "\(name): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(name): \(result.stderr)")
        }
    }

    @Test("a damaged database is bad data: one line naming the damage and what to do, exit 65")
    func damagedDatabase() throws {
        let repository = try Self.repository()
        defer { repository.remove() }
        let db = repository.path + "/.git/damaged.sqlite"
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        // Every page after the first few overwritten: the schema is readable, the tables are not.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        let pageSize = 4096
        for page in stride(from: 8 * pageSize, to: bytes.count, by: pageSize) {
            bytes.replaceSubrange(page..<min(page + 64, bytes.count), with: Data(repeating: 0xA5, count: min(64, bytes.count - page)))
        }
        try bytes.write(to: URL(fileURLWithPath: db))
        let status = try CLIRunner.run(["status", "--db", db])
        #expect(status.status == 65, "\(status.stderr)")
        #expect(status.stderr.split(separator: "\n").count == 1, "\(status.stderr)")
        #expect(status.stderr.contains("the database file is damaged"), "\(status.stderr)")
    }
}
