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
}
