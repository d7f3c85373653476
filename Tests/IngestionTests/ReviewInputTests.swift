import Foundation
import Model
import TestSupport
import Testing
@testable import Ingestion

@Suite("Pull-request exports and time logs")
struct ReviewInputTests {
    static let gitHub = """
        [{"number": 7, "title": "Add retries", "author": {"login": "ann", "is_bot": false},
          "createdAt": "2026-11-02T10:00:00Z", "mergedAt": "2026-11-03T10:00:00Z", "closedAt": "2026-11-03T10:00:00Z",
          "headRefName": "ann/retries", "baseRefName": "main", "additions": 40, "deletions": 3,
          "commits": [{"oid": "abc123", "authoredDate": "2026-11-01T09:00:00Z", "messageHeadline": "Add retries"}, {"oid": "def456", "authoredDate": "2026-11-01T10:30:00Z"}, {"oid": "0aa999"}],
          "reviews": [{"author": {"login": "bob"}, "state": "CHANGES_REQUESTED", "submittedAt": "2026-11-02T14:00:00Z", "body": "Please test"},
                      {"author": {"login": "bob"}, "state": "APPROVED", "submittedAt": "2026-11-03T09:00:00Z", "body": ""},
                      {"author": {"login": "ann"}, "state": "COMMENTED", "submittedAt": "2026-11-02T11:00:00Z", "body": "self"}],
          "comments": [{"author": {"login": "cy"}, "createdAt": "2026-11-02T12:00:00Z", "body": "nice"}],
          "labels": [{"name": "x"}], "unknownField": 1},
         {"number": 8, "title": "Open one", "author": null, "createdAt": "2026-11-04T10:00:00.123Z", "mergedAt": null,
          "closedAt": null}]
        """

    @Test("gh pr list --json: review rounds, change requests, first review and comments by others than the author")
    func gitHub() throws {
        let pullRequests = try PullRequestExport.parse(Data(Self.gitHub.utf8), file: "prs.json")
        #expect(pullRequests.count == 2)
        let first = try #require(pullRequests.first)
        #expect(first.number == 7 && first.author == "ann" && first.headBranch == "ann/retries")
        #expect(first.reviewRounds == 2 && first.changeRequests == 1)
        #expect(first.reviewComments == 2)
        #expect(first.firstReview == first.created + 2 * 3600)
        #expect(first.merged == first.created + 86_400)
        #expect(first.commits == ["abc123", "def456", "0aa999"])
        let authored: [Int64] = [first.created - 25 * 3600, first.created - 23 * 3600 - 1800]
        #expect(first.commitTimes == authored)
        // Subjects beside the times they go with (a commit without a time has neither).
        #expect(first.commitHeadlines == ["Add retries", ""])
        #expect(pullRequests[1].commitTimes == nil)
        // No `reviews` in the export: rounds unknown, not none.
        #expect(pullRequests[1].merged == nil && pullRequests[1].author == nil && pullRequests[1].reviewRounds == nil)
    }

    @Test("replies in a thread within the hour are one round; bots and AI reviewers and a review after the merge are no review")
    func roundsBotsAndLateReviews() throws {
        let json = """
            [{"number": 9, "title": "Add cache", "author": {"login": "ann"}, "createdAt": "2026-11-02T10:00:00Z",
              "mergedAt": "2026-11-02T20:00:00Z",
              "reviews": [
                {"author": {"login": "copilot-pull-request-reviewer"}, "state": "COMMENTED", "submittedAt": "2026-11-02T10:06:00Z", "body": "Summary"},
                {"author": {"login": "coderabbitai[bot]"}, "state": "COMMENTED", "submittedAt": "2026-11-02T10:12:00Z", "body": "Walkthrough"},
                {"author": {"login": "app/sonarcloud", "is_bot": true}, "state": "COMMENTED", "submittedAt": "2026-11-02T10:20:00Z", "body": "ok"},
                {"author": {"login": "bob"}, "state": "CHANGES_REQUESTED", "submittedAt": "2026-11-02T15:00:00Z", "body": "Please test"},
                {"author": {"login": "bob"}, "state": "COMMENTED", "submittedAt": "2026-11-02T15:01:00Z", "body": ""},
                {"author": {"login": "bob"}, "state": "COMMENTED", "submittedAt": "2026-11-02T15:02:00Z", "body": ""},
                {"author": {"login": "bob"}, "state": "COMMENTED", "submittedAt": "2026-11-02T15:03:00Z", "body": ""},
                {"author": {"login": "bob"}, "state": "APPROVED", "submittedAt": "2026-11-02T19:00:00Z", "body": ""},
                {"author": {"login": "cy"}, "state": "APPROVED", "submittedAt": "2026-11-03T09:00:00Z", "body": ""}],
              "comments": [{"author": {"login": "github-actions"}, "createdAt": "2026-11-02T10:01:00Z", "body": "deploy preview"}]},
             {"number": 10, "title": "Late", "author": {"login": "ann"}, "createdAt": "2026-11-02T10:00:00Z",
              "mergedAt": "2026-11-02T11:00:00Z",
              "reviews": [{"author": {"login": "bob"}, "state": "APPROVED", "submittedAt": "2026-11-02T13:00:00Z", "body": ""}]}]
            """
        let pullRequests = try PullRequestExport.parse(Data(json.utf8), file: "prs.json")
        let cache = try #require(pullRequests.first)
        // bob: a request for changes with three replies, then an approval; cy after the merge.
        #expect(cache.reviewRounds == 3 && cache.changeRequests == 1)
        #expect(cache.firstReview == cache.created + 5 * 3600)
        #expect(cache.reviewComments == 1)
        let late = try #require(pullRequests.last)
        #expect(late.reviewRounds == 1 && late.firstReview == nil)
        // Requests for changes minutes apart (the author answering quickly) are rounds each.
        let quick = """
            [{"number": 11, "title": "Quick", "author": {"login": "ann"}, "createdAt": "2026-11-02T10:00:00Z",
              "reviews": [
                {"author": {"login": "bob"}, "state": "CHANGES_REQUESTED", "submittedAt": "2026-11-02T10:10:00Z", "body": "a"},
                {"author": {"login": "bob"}, "state": "CHANGES_REQUESTED", "submittedAt": "2026-11-02T10:20:00Z", "body": "b"},
                {"author": {"login": "bob"}, "state": "APPROVED", "submittedAt": "2026-11-02T10:30:00Z", "body": ""}]}]
            """
        let rounds = try #require(try PullRequestExport.parse(Data(quick.utf8), file: "prs.json").first)
        #expect(rounds.reviewRounds == 3 && rounds.changeRequests == 2)
    }

    @Test("GitLab's merge-request list is read too")
    func gitLab() throws {
        let json = """
            [{"iid": 3, "title": "MR", "author": {"username": "dan"}, "created_at": "2026-11-02T10:00:00.000Z",
              "merged_at": "2026-11-02T12:00:00.000Z", "closed_at": null, "source_branch": "dan/x", "target_branch": "main",
              "user_notes_count": 4, "merge_commit_sha": "fff"}]
            """
        let pullRequest = try #require(try PullRequestExport.parse(Data(json.utf8), file: "mrs.json").first)
        #expect(pullRequest.number == 3 && pullRequest.author == "dan" && pullRequest.reviewComments == 4)
        #expect(pullRequest.headBranch == "dan/x" && pullRequest.commits == ["fff"])
        #expect(pullRequest.reviewRounds == nil)
    }

    @Test("a bad export names the JSON path", arguments: [
        ("{}", "prs.json: $: expected a JSON array of pull requests (found an object)"),
        ("[{\"title\": \"x\", \"createdAt\": \"2026-11-02T10:00:00Z\"}]", "prs.json: $[0].number: expected a whole number"),
        ("[{\"number\": 1, \"title\": \"x\", \"createdAt\": \"yesterday\"}]", "prs.json: $[0].createdAt: expected an ISO 8601 date-time"),
        ("[{\"number\": 1, \"title\": \"x\", \"createdAt\": \"2026-11-02T10:00:00Z\", \"reviews\": 3}]", "prs.json: $[0].reviews: expected an array"),
        ("[1,", "prs.json: line 1, column 4: expected a JSON array of pull requests (not valid JSON here)"),
    ])
    func badExport(json: String, message: String) {
        #expect(throws: (any Error).self) { try PullRequestExport.parse(Data(json.utf8), file: "prs.json") }
        do { _ = try PullRequestExport.parse(Data(json.utf8), file: "prs.json") } catch {
            #expect("\(error)" == message)
        }
    }

    @Test("a time log with estimates, in any column order")
    func timeLog() throws {
        let entries = try TimeLog.parse(
            "activity,date,author,task,hours,estimate_hours,note\nwork,2026-11-02,ann,ABC-1,1.5,2,x\nreview,2026-11-02,bob,PR #7,0.25,,\n",
            file: "t.csv")
        #expect(entries == [
            TimeEntry(date: "2026-11-02", author: "ann", task: "ABC-1", hours: 1.5, activity: .work, estimateHours: 2),
            TimeEntry(date: "2026-11-02", author: "bob", task: "PR #7", hours: 0.25, activity: .review, estimateHours: nil),
        ])
        // Some trackers export "no estimate" as 0.
        let zero = try TimeLog.parse("date,author,task,hours,activity,estimate_hours\n2026-11-02,ann,A-1,1,work,0\n", file: "t.csv")
        #expect(zero.map(\.estimateHours) == [nil])
    }

    @Test("a bad time-log row names its line", arguments: [
        ("date,author,task,hours\n", "t.csv: line 1: expected a header with date,author,task,hours,activity (missing: activity)"),
        ("date,author,task,hours,activity\n2026-11-02,ann,A-1,lots,work\n", "t.csv: line 2: expected hours between 0 and 24 in 'hours', not 'lots'"),
        ("date,author,task,hours,activity\n2026-11-02,ann,A-1,1,work\n02/11/2026,ann,A-1,1,work\n", "t.csv: line 3: expected a date like 2026-11-02 in 'date', not '02/11/2026'"),
        ("date,author,task,hours,activity\n2026-02-30,ann,A-1,1,work\n", "t.csv: line 2: expected a date like 2026-11-02 in 'date', not '2026-02-30'"),
        ("date,author,task,hours,activity\n2026-11-02,ann,A-1,1,coding\n", "t.csv: line 2: expected 'work' or 'review' in 'activity', not 'coding'"),
        ("date,author,task,hours,activity\n2026-11-02,ann,,1,work\n", "t.csv: line 2: expected a task key in 'task'"),
        (
            "date,author,task,hours,activity,estimate_hours\n2026-11-02,ann,A-1,1,work,1e308\n",
            "t.csv: line 2: expected a number of hours from 0 to 100000 in 'estimate_hours', or nothing, not '1e308'"
        ),
        // A row short of a field: every field after the gap is in the wrong column (probe 28).
        (
            "date,author,task,hours,activity\n2026-11-16,bob,PR #618,3\n",
            "t.csv: line 2: expected 5 fields like the header (date,author,task,hours,activity), found 4"
        ),
        // A European spreadsheet's semicolons, or tabs: the columns are there, the separator is not a comma.
        (
            "date;author;task;hours;activity\n2026-11-16;bob;PR #618;7,75;work\n",
            "t.csv: line 1: expected fields separated by commas; the file is separated by ';'"
        ),
        ("Date\tAuthor\tTask\tHours\tActivity\n", "t.csv: line 1: expected fields separated by commas; the file is separated by tabs"),
        (
            "date,author,task,hours,activity,estimate_hours\n2026-11-02,ann,A-1,1,work,-2\n",
            "t.csv: line 2: expected a number of hours from 0 to 100000 in 'estimate_hours', or nothing, not '-2'"
        ),
    ])
    func badTimeLog(text: String, message: String) {
        do {
            _ = try TimeLog.parse(text, file: "t.csv")
            Issue.record("accepted")
        } catch {
            #expect("\(error)" == message)
        }
    }

    @Test("a time log with a byte that is not UTF-8 names that byte's line; a pipe is no time log")
    func timeLogBytes() throws {
        let folder = try TemporaryDirectory("timelog")
        defer { folder.remove() }
        try folder.write("t.csv", Data("date,author,task,hours,activity\n2026-11-02,ann,A-1,1,work\n".utf8) + Data([0x32, 0xFF, 0x0A]))
        do {
            _ = try TimeLog.read(path: folder.path + "/t.csv")
            Issue.record("accepted")
        } catch {
            #expect("\(error)" == "\(folder.path)/t.csv: line 3: expected UTF-8 text")
        }
        #expect(mkfifo(folder.path + "/pipe.csv", 0o644) == 0)
        #expect(throws: IngestionError.self) { try TimeLog.read(path: folder.path + "/pipe.csv") }
    }
}
