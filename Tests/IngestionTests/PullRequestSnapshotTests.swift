import Foundation
import Model
import TestSupport
import Testing
@testable import Ingestion

@Suite("Pull-request exports read again: absent fields, older snapshots, odd files")
struct PullRequestSnapshotTests {
    /// PR 7 open on Monday with no review; merged and reviewed on Tuesday.
    static let monday = """
        [{"number": 7, "title": "Add retries", "author": {"login": "ann"}, "createdAt": "2026-11-02T10:00:00Z",
          "mergedAt": null, "closedAt": null, "headRefName": "ann/retries", "baseRefName": "main", "additions": 4, "deletions": 1,
          "commits": [{"oid": "abc123", "authoredDate": "2026-11-01T09:00:00Z", "messageHeadline": "Add retries"}],
          "reviews": [], "comments": []}]
        """
    static let tuesday = """
        [{"number": 7, "title": "Add retries", "author": {"login": "ann"}, "createdAt": "2026-11-02T10:00:00Z",
          "mergedAt": "2026-11-03T10:00:00Z", "closedAt": "2026-11-03T10:00:00Z", "headRefName": "ann/retries",
          "baseRefName": "main", "additions": 40, "deletions": 3,
          "commits": [{"oid": "abc123", "authoredDate": "2026-11-01T09:00:00Z", "messageHeadline": "Add retries"},
                      {"oid": "def456", "authoredDate": "2026-11-02T16:00:00Z", "messageHeadline": "address review"}],
          "reviews": [{"author": {"login": "bob"}, "state": "CHANGES_REQUESTED", "submittedAt": "2026-11-02T14:00:00Z", "body": "Please test"},
                      {"author": {"login": "bob"}, "state": "APPROVED", "submittedAt": "2026-11-03T09:00:00Z", "body": ""}],
          "comments": [{"author": {"login": "cy"}, "createdAt": "2026-11-02T12:00:00Z", "body": "nice"}]}]
        """
    /// Tuesday's pull request from `gh pr list --json number,title,author,createdAt,mergedAt` (no other keys).
    static let short = """
        [{"number": 7, "title": "Add retries", "author": {"login": "ann"}, "createdAt": "2026-11-02T10:00:00Z",
          "mergedAt": "2026-11-03T10:00:00Z"}]
        """

    static func one(_ json: String) throws -> PullRequest {
        try #require(try PullRequestExport.parse(Data(json.utf8), file: "prs.json").first)
    }

    @Test("a key absent is not known (reviews, commits, sizes…), [] is none, and a later read keeps what an earlier one gave")
    func absentFieldsKeepWhatIsKnown() throws {
        let full = try Self.one(Self.tuesday)
        let short = try Self.one(Self.short)
        #expect(full.unknownParts == nil)
        #expect(short.unknownParts == [.baseBranch, .closed, .comments, .commits, .headBranch, .reviews, .size])
        #expect(short.reviewRounds == nil)
        // Read after the full export, in either order: nothing the full one said is lost.
        for combined in [PullRequest.latest(full, short), PullRequest.latest(short, full)] {
            #expect(combined.commitTimes == full.commitTimes && combined.commits == full.commits)
            #expect(combined.reviewRounds == 2 && combined.changeRequests == 1 && combined.reviewComments == 2)
            #expect(combined.firstReview == full.firstReview && combined.headBranch == "ann/retries" && combined.additions == 40)
            #expect(combined.unknownParts == nil)
        }
        // An explicit empty list is data: no reviews.
        let none = try Self.one(Self.monday)
        #expect(none.reviewRounds == 0 && none.unknownParts == nil)
        // One export with reviews only and one with comments only add up.
        let reviewsOnly = try Self.one(Self.tuesday.replacingOccurrences(of: #""comments": [{"author": {"login": "cy"}, "createdAt": "2026-11-02T12:00:00Z", "body": "nice"}]"#, with: #""x": 1"#))
        let commentsOnly = try Self.one(Self.tuesday.replacingOccurrences(of: #""reviews": ["#, with: #""old": ["#))
        #expect(reviewsOnly.reviewComments == 1 && commentsOnly.reviewComments == 1 && commentsOnly.reviewRounds == nil)
        let both = PullRequest.latest(reviewsOnly, commentsOnly)
        #expect(both.reviewRounds == 2 && both.reviewComments == 2 && both.firstReview == full.firstReview)
    }

    @Test("the later state wins whatever the read order: a merged pull request is not open again, its reviews stay")
    func laterStateWins() throws {
        let monday = try Self.one(Self.monday)
        let tuesday = try Self.one(Self.tuesday)
        #expect(PullRequest.latest(monday, tuesday) == PullRequest.latest(tuesday, monday))
        let latest = PullRequest.latest(tuesday, monday)
        #expect(latest.merged != nil && latest.reviewRounds == 2 && latest.additions == 40 && latest.commits.count == 2)
        // Closed beats open at the same activity; later activity beats earlier.
        var closed = monday
        closed.closed = monday.created + 60
        closed.lastActivity = closed.closed
        #expect(PullRequest.latest(closed, monday).closed != nil && PullRequest.latest(monday, closed).closed != nil)
    }

    @Test("one number listed twice: the later state of the two, said once")
    func duplicates() throws {
        let tuesday = try Self.one(Self.tuesday)
        let monday = try Self.one(Self.monday)
        for order in [[monday, tuesday], [tuesday, monday]] {
            let (pullRequests, repeated) = PullRequestExport.latestByNumber(order)
            #expect(pullRequests.count == 1 && repeated == 1)
            #expect(pullRequests.first?.reviewRounds == 2 && pullRequests.first?.merged != nil)
        }
    }

    @Test("times that cannot happen are found", arguments: [
        ("2026-11-03T10:00:00Z", "2026-11-02T10:00:00Z", true),  // created after the merge
        ("2026-11-02T10:00:00Z", "2026-11-03T10:00:00Z", false),
    ])
    func impossibleTimes(created: String, merged: String, impossible: Bool) throws {
        let pullRequest = try Self.one(
            #"[{"number": 5, "title": "t", "createdAt": "\#(created)", "mergedAt": "\#(merged)", "reviews": []}]"#)
        #expect(PullRequestExport.hasImpossibleTimes(pullRequest) == impossible)
        let early = try Self.one(
            #"[{"number": 5, "title": "t", "createdAt": "2026-11-02T10:00:00Z", "reviews": [{"author": {"login": "b"}, "state": "APPROVED", "submittedAt": "2026-11-01T10:00:00Z"}]}]"#)
        #expect(PullRequestExport.hasImpossibleTimes(early))
    }

    @Test("a bad export says where", arguments: [
        ("[1,\n  ,2]", "prs.json: line 2, column 3: expected a JSON array of pull requests (not valid JSON here)"),
        ("[{\"number\": -5, \"title\": \"x\", \"createdAt\": \"2026-11-02T10:00:00Z\"}]", "prs.json: $[0].number: expected a pull-request number of 1 or more, not -5"),
        ("{\"iid\": 1}\n{\"iid\": 2}\n", "prs.json: line 1, column 1: expected one JSON array of pull requests, or arrays one after another as gh api --paginate writes them (found an object after the first value: JSON Lines?)"),
        ("[]\n[1,,]", "prs.json: line 2, column 1: expected JSON (page 2 of 2 cannot be read)"),
    ])
    func badExport(json: String, message: String) {
        do {
            _ = try PullRequestExport.parse(Data(json.utf8), file: "prs.json")
            Issue.record("accepted")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test("pages one after another (gh api --paginate) are one list")
    func pages() throws {
        let page = Self.tuesday.replacingOccurrences(of: "\"number\": 7", with: "\"number\": 8")
        let pullRequests = try PullRequestExport.parse(Data((Self.tuesday + "\n" + page + "[]").utf8), file: "prs.json")
        #expect(pullRequests.map(\.number) == [7, 8])
    }

    @Test("a folder or a pipe is said to be one (65), a missing file is missing (66)")
    func notAFile() throws {
        let folder = try TemporaryDirectory("prs")
        defer { folder.remove() }
        #expect(mkfifo(folder.path + "/pipe.json", 0o644) == 0)
        for (path, message) in [
            (folder.path, "\(folder.path): expected a JSON file, not a folder"),
            (folder.path + "/pipe.json", "\(folder.path)/pipe.json: expected a JSON file, not a pipe"),
            (folder.path + "/none.json", "\(folder.path)/none.json: no such file or directory"),
        ] {
            do {
                _ = try PullRequestExport.read(path: path)
                Issue.record("accepted \(path)")
            } catch {
                #expect("\(error)" == message)
            }
        }
        do {
            _ = try TimeLog.read(path: folder.path)
            Issue.record("accepted a folder")
        } catch {
            #expect("\(error)" == "\(folder.path): expected a CSV file, not a folder")
        }
    }

    @Test("dates read by hand are the formatter's", arguments: [
        "2026-11-16T12:53:44Z", "2026-11-16T12:53:44.123Z", "2026-11-16T17:08:04.999+02:00", "2024-02-29T23:59:59-05:30",
        "1999-12-31T00:00:00Z", "2000-03-01T00:00:00Z", "1969-12-31T23:59:59.500Z", "1969-12-31T23:59:59Z",
    ])
    func dates(text: String) throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        let expected = try #require(formatter.date(from: text)).timeIntervalSince1970.rounded(.down)
        #expect(ISODate.fast(text) == Int64(expected))
        #expect(ISODate.seconds(text) == Int64(expected))
        #expect(ISODate.fast("2026-02-30T00:00:00Z") == nil && ISODate.fast("2026-11-16 12:53:44Z") == nil)
    }
}
