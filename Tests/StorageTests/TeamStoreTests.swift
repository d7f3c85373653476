import Foundation
import Model
import Storage
import TestSupport
import Testing

@Suite("Team exports and merges keep secrets out")
struct TeamStoreTests {
    static let github = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"

    /// A session as an older Multiplier, which did not redact metadata, might have exported it.
    static var session: ExportedSession {
        var session = ExportedSession(
            tool: "claude-code", key: "s1", parentKey: nil, repositoryRootCommit: nil,
            repositoryOrigin: "https://x:\(github)@github.com/acme/app.git", repositoryName: "app",
            workingDirectory: "/w/app", owner: nil, branch: "fix/\(github)", prompts: 1, eventTimes: [1_000],
            models: ["opus \(github)"], filesEdited: ["src/\(github).py"], commits: [], tokens: TokenTotals(input: 1))
        session.workflow = SessionWorkflow(start: .codeFirst, startEvidence: "permissionMode \(github), no plan before the first edit")
        return session
    }

    @Test("an export is written with its texts redacted, and a merge redacts what an older export holds")
    func redacted() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let info = ExportInfo(machine: "m1", exporter: "ann@example.com", created: 0, pseudonymized: false)
        try ExportFile.write([Self.session], info: info, to: directory.path + "/team.export")
        let (_, read) = try ExportFile.read(path: directory.path + "/team.export")
        #expect(read.first?.branch == "fix/[REDACTED]")
        #expect(read.first?.repositoryOrigin == "https://x:[REDACTED]@github.com/acme/app.git")
        #expect(read.first?.models == ["opus [REDACTED]"])
        #expect(read.first?.filesEdited == ["src/[REDACTED].py"])
        #expect(read.first?.workflow?.startEvidence == "permissionMode [REDACTED], no plan before the first edit")

        let database = try Database(path: directory.path + "/db.sqlite")
        _ = try TeamStore(database: database).merge([Self.session], info: info, time: 0)
        #expect(try database.prepare("SELECT git_branch FROM session").rows { $0.text(0) } == ["fix/[REDACTED]"])
        #expect(
            try database.prepare("SELECT value FROM session_detail ORDER BY value").rows { $0.text(0) }
                == ["opus [REDACTED]", "src/[REDACTED].py"])
        #expect(
            try database.prepare("SELECT start_evidence FROM session_workflow").rows { $0.text(0) }
                == ["permissionMode [REDACTED], no plan before the first edit"])
    }

    @Test("merging an older export after a newer one keeps the newer view; the same export again changes nothing")
    func mergeOrder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let info = ExportInfo(machine: "m1", exporter: "bob@example.com", created: 0, pseudonymized: false)
        var older = Self.session
        older.eventTimes = [1_000, 61_000]
        older.prompts = 2
        var newer = older
        newer.eventTimes = [1_000, 61_000, 121_000, 181_000]
        newer.prompts = 4
        func events(_ database: Database) throws -> Int {
            try database.prepare("SELECT count(*) FROM session_event").first { $0.int(0) } ?? -1
        }
        for (name, order) in [("a", [older, newer]), ("b", [newer, older])] {
            let database = try Database(path: directory.path + "/\(name).sqlite")
            let store = TeamStore(database: database)
            let first = try store.merge([order[0]], info: info, time: 0)
            #expect(first.added == 1)
            let second = try store.merge([order[1]], info: info, time: 1)
            #expect(second.updated + second.unchanged == 1)
            #expect(try events(database) == 4, "order \(name)")
            let again = try store.merge([newer], info: info, time: 2)
            #expect(again.unchanged == 1 && again.updated == 0)
        }
    }

    @Test("another machine's newer view of a session replaces an older one's: prompts and tokens are not added up")
    func newerViewFromAnotherMachine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var older = Self.session
        older.eventTimes = [1_000, 61_000]
        older.prompts = 1
        older.tokens = TokenTotals(input: 60, output: 1_000)
        var newer = older
        newer.eventTimes = [1_000, 61_000, 121_000]
        newer.prompts = 2
        newer.tokens = TokenTotals(input: 72, output: 1_200)
        let first = ExportInfo(machine: "m1", exporter: "ann@example.com", created: 0, pseudonymized: false)
        let second = ExportInfo(machine: "m2", exporter: "bob@example.com", created: 0, pseudonymized: false)
        for (name, order) in [("a", [(older, first), (newer, second)]), ("b", [(newer, second), (older, first)])] {
            let database = try Database(path: directory.path + "/\(name).sqlite")
            let store = TeamStore(database: database)
            for (session, info) in order { _ = try store.merge([session], info: info, time: 0) }
            let figures = try database.prepare(
                """
                SELECT (SELECT count(*) FROM session_event), (SELECT sum(prompts) FROM session_part),
                    (SELECT sum(input) FROM token_usage), (SELECT sum(output) FROM token_usage), (SELECT source FROM session)
                """
            ).first { ($0.int(0), $0.int(1), $0.int(2), $0.int(3), $0.text(4)) }
            #expect(figures?.0 == 3, "order \(name)")
            #expect(figures?.1 == 2, "order \(name)")
            #expect(figures?.2 == 72 && figures?.3 == 1_200, "order \(name)")
            #expect(figures?.4 == "export:m2", "order \(name)")
        }
    }

    @Test("a session merged before its repository was ingested is tied to it by merging the export again")
    func mergedBeforeTheRepository() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try Database(path: directory.path + "/db.sqlite")
        let store = TeamStore(database: database)
        let info = ExportInfo(machine: "m1", exporter: "ann@example.com", created: 0, pseudonymized: false)
        let early = try store.merge([Self.session], info: info, time: 0)
        #expect(early.added == 1 && early.withoutRepository == 1)
        _ = try CommitStore(database: database).upsertRepository(root: "/srv/app", origin: nil, name: "app")
        let again = try store.merge([Self.session], info: info, time: 1)
        #expect(again.tied == 1 && again.withoutRepository == 0 && again.unchanged == 0)
        #expect(try database.prepare("SELECT repository_id IS NOT NULL FROM session").rows { $0.bool(0) } == [true])
        let third = try store.merge([Self.session], info: info, time: 2)
        #expect(third.unchanged == 1 && third.tied == 0)
    }
}

@Suite("People's aliases")
struct PersonAliasesTests {
    @Test("a chain of aliases ends at the last person named; a cycle does not loop")
    func chains() {
        let resolved = PersonAliases.resolved([
            "bob@personal.example": "bob@ex.com", "bob@ex.com": "alice@ex.com", "bob builder": "bob@ex.com",
            "a@x": "b@x", "b@x": "a@x",
        ])
        #expect(resolved["bob@personal.example"] == "alice@ex.com")
        #expect(resolved["bob builder"] == "alice@ex.com")
        #expect(resolved["bob@ex.com"] == "alice@ex.com")
        // A circle is one person, the first in order: not two people swapped.
        #expect(resolved["b@x"] == "a@x")
        #expect(resolved["a@x"] == nil)
    }

    @Test("people merge B A after people merge A B makes A an alias of B, not the two swapped")
    func mergeBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = TeamStore(database: try Database(path: directory.path + "/db.sqlite"))
        try store.setAlias("bob@ex.com", person: "alice@ex.com")
        try store.setAlias("alice@ex.com", person: "bob@ex.com")
        #expect(try store.aliases() == ["alice@ex.com": "bob@ex.com"])
    }
}
