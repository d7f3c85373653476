import Foundation
import TestSupport
import Testing

@Suite("ingest reviews read again, run as a binary", .serialized)
struct ReviewExportTests {
    /// A squash-merged pull request #7: open on Monday, merged and reviewed on Tuesday.
    static func export(state: String) -> String {
        switch state {
        case "monday":
            return """
                [{"number": 7, "title": "Add retries", "author": {"login": "ann"}, "createdAt": "2026-11-02T10:00:00Z",
                  "mergedAt": null, "closedAt": null, "headRefName": "ann/retries", "baseRefName": "main",
                  "commits": [{"oid": "1111111111111111111111111111111111111111", "authoredDate": "2026-11-02T09:00:00Z", "messageHeadline": "Add retries"}],
                  "reviews": [], "comments": []}]
                """
        case "short":
            // `gh pr list --json number,title,author,createdAt,mergedAt`: no commits, no reviews.
            return """
                [{"number": 7, "title": "Add retries", "author": {"login": "ann"}, "createdAt": "2026-11-02T10:00:00Z",
                  "mergedAt": "2026-11-03T10:00:00Z"}]
                """
        default:
            return """
                [{"number": 7, "title": "Add retries", "author": {"login": "ann"}, "createdAt": "2026-11-02T10:00:00Z",
                  "mergedAt": "2026-11-03T10:00:00Z", "closedAt": "2026-11-03T10:00:00Z", "headRefName": "ann/retries", "baseRefName": "main",
                  "commits": [{"oid": "1111111111111111111111111111111111111111", "authoredDate": "2026-11-02T09:00:00Z", "messageHeadline": "Add retries"},
                              {"oid": "2222222222222222222222222222222222222222", "authoredDate": "2026-11-02T10:30:00Z", "messageHeadline": "Handle timeouts"},
                              {"oid": "3333333333333333333333333333333333333333", "authoredDate": "2026-11-02T12:00:00Z", "messageHeadline": "Test retries"}],
                  "reviews": [{"author": {"login": "bob"}, "state": "CHANGES_REQUESTED", "submittedAt": "2026-11-02T14:00:00Z", "body": "Please test"},
                              {"author": {"login": "bob"}, "state": "APPROVED", "submittedAt": "2026-11-03T09:00:00Z", "body": ""}],
                  "comments": []}]
                """
        }
    }

    @Test("an export without commits or reviews, or an older one, read after the full one takes nothing away; unchanged is said")
    func rereads() throws {
        let repository = try ScriptedRepository("prs-again")
        let db = repository.path + ".sqlite"
        let file = repository.path + "-prs.json"
        defer {
            repository.remove()
            for path in [db, file] { try? FileManager.default.removeItem(atPath: path) }
        }
        try repository.write("a.py", "x\n")
        try repository.commit("Start", date: "2026-10-01T10:00:00+0000")
        try repository.write("retry.py", "retry\n")
        try repository.commit("Add retries (#7)", date: "2026-11-03T10:00:00+0000")
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        func ingest(_ state: String) throws -> CLIRunner.Result {
            try Self.export(state: state).write(toFile: file, atomically: true, encoding: .utf8)
            let result = try CLIRunner.run(["ingest", "reviews", file, "--db", db])
            #expect(result.status == 0, "\(result.stderr)")
            return result
        }
        func explain() throws -> (effort: String, review: String) {
            let result = try CLIRunner.run(["tasks", "--explain", "PR #7", "--db", db])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            return (lines.first { $0.hasPrefix("effort:") } ?? "", lines.first { $0.hasPrefix("review:") } ?? "")
        }
        _ = try ingest("full")
        let full = try explain()
        #expect(full.review.contains("2 review rounds, 1 change requests") && full.review.contains("merged after 24.0 h"), "\(full)")
        for state in ["short", "monday", "full"] {
            let again = try ingest(state)
            #expect(again.stdout.contains("(0 new, 0 updated, 1 unchanged)"), "\(state): \(again.stdout)")
            let after = try explain()
            #expect(after.effort == full.effort && after.review == full.review, "\(state): \(after) against \(full)")
        }
    }

    @Test("rounds an export does not give are unknown; waits before creation are left out and said; a folder is no export")
    func unknownRoundsAndImpossibleWaits() throws {
        let repository = try ScriptedRepository("prs-odd")
        let db = repository.path + ".sqlite"
        let file = repository.path + "-prs.json"
        defer {
            repository.remove()
            for path in [db, file] { try? FileManager.default.removeItem(atPath: path) }
        }
        try repository.write("a.py", "x\n")
        try repository.commit("Start", date: "2026-10-01T10:00:00+0000")
        try repository.write("retry.py", "retry\n")
        try repository.commit("Add retries (#7)", date: "2026-11-03T10:00:00+0000")
        #expect(try CLIRunner.run(["ingest", "git", repository.path, "--db", db, "--quiet"]).status == 0)
        // Created a day after its merge and its review (a wrong clock), and no reviews key.
        try """
            [{"number": 7, "title": "Add retries", "author": {"login": "ann"}, "createdAt": "2026-11-04T10:00:00Z",
              "mergedAt": "2026-11-03T10:00:00Z", "comments": [{"author": {"login": "bob"}, "createdAt": "2026-11-02T10:00:00Z", "body": "ok"}]}]
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let ingest = try CLIRunner.run(["ingest", "reviews", file, "--db", db])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stderr.contains("1 pull request (#7) was merged, closed or first reviewed before it was created"), "\(ingest.stderr)")
        let explained = try CLIRunner.run(["tasks", "--explain", "PR #7", "--db", db]).stdout
        #expect(explained.contains("review: pull request #7, review rounds unknown (the export has no reviews), 1 comments\n"), "\(explained)")
        #expect(!explained.contains("after -"), "\(explained)")
        let folder = try CLIRunner.run(["ingest", "reviews", repository.path, "--db", db])
        #expect(folder.status == 65 && folder.stderr.contains("\(repository.path): expected a JSON file, not a folder"), "\(folder.stderr)")
    }
}
