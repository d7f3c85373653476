import Foundation
import Model
import Support

/// Reads a pull-request export: `gh pr list --state all --json number,title,author,createdAt,
/// mergedAt,closedAt,headRefName,baseRefName,additions,deletions,commits,reviews,comments,labels`,
/// or GitLab's merge-request API list (`iid`, `created_at`, `source_branch`, …). Unknown keys
/// are ignored; a missing required one, or a value of the wrong kind, is an error naming its
/// JSON path.
package enum PullRequestExport {
    /// Review apps and AI reviewers, by login (GitHub shows an app's login without `[bot]` in
    /// some exports): their reviews are neither rounds, reviewer time nor a first review.
    static let reviewApps: Set<String> = [
        "copilot-pull-request-reviewer", "copilot", "coderabbitai", "gemini-code-assist", "sourcery-ai", "greptile-apps",
        "ellipsis-dev", "qodo-merge-pro", "codiumai-pr-agent", "sonarcloud", "sonarqubecloud", "codecov", "codeclimate",
        "deepsource-io", "github-actions", "github-advanced-security", "chatgpt-codex-connector", "claude", "cursor",
    ]

    /// Whether a reviewer is automation or an AI reviewer rather than a person.
    package static func isAutomatedReviewer(_ login: String, app: Bool) -> Bool {
        let name = login.lowercased()
        return app || name.hasSuffix("[bot]") || name.hasPrefix("app/") || reviewApps.contains(name)
            || AIMarkerDetector.isBot(name: name, email: "")
    }

    package static func read(path: String) throws -> [PullRequest] {
        guard let data = FileManager.default.contents(atPath: path) else { throw IngestionError.missingPath(path) }
        return try parse(data, file: path)
    }

    package static func parse(_ data: Data, file: String) throws -> [PullRequest] {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw IngestionError.badRecord(file: file, place: "$", expected: "a JSON array of pull requests (not valid JSON)")
        }
        guard case .array(let items) = root else {
            throw IngestionError.badRecord(file: file, place: "$", expected: "a JSON array of pull requests (found \(root.kindName))")
        }
        var result: [PullRequest] = []
        for (index, item) in items.enumerated() {
            let reader = Reader(file: file, path: "$[\(index)]", value: item)
            result.append(try reader.object()["iid"] != nil ? reader.gitLab() : reader.gitHub())
        }
        return result
    }

    /// Typed access with JSON paths in errors.
    private struct Reader {
        let file: String
        let path: String
        let value: JSONValue

        func fail(_ key: String, _ expected: String) -> IngestionError {
            .badRecord(file: file, place: key.isEmpty ? path : "\(path).\(key)", expected: expected)
        }

        func object() throws -> [String: JSONValue] {
            guard case .object(let object) = value else { throw fail("", "a pull request object (found \(value.kindName))") }
            return object
        }

        func int(_ key: String) throws -> Int {
            guard case .number(let number)? = try object()[key], number == number.rounded(), abs(number) < 1e15 else {
                throw fail(key, "a whole number")
            }
            return Int(number)
        }

        func optionalInt(_ key: String) throws -> Int? {
            guard let value = try object()[key], value != .null else { return nil }
            return try int(key)
        }

        func string(_ key: String) throws -> String {
            guard case .string(let text)? = try object()[key] else { throw fail(key, "a string") }
            return text
        }

        func optionalString(_ key: String) throws -> String? {
            guard let value = try object()[key], value != .null else { return nil }
            return try string(key)
        }

        func date(_ key: String) throws -> Int64 {
            guard let seconds = ISODate.seconds(try string(key)) else { throw fail(key, "an ISO 8601 date-time") }
            return seconds
        }

        func optionalDate(_ key: String) throws -> Int64? {
            guard let value = try object()[key], value != .null else { return nil }
            return try date(key)
        }

        /// `{"login": …}` (GitHub) or `{"username": …}` (GitLab), or null.
        func login(_ key: String, field: String) throws -> String? {
            guard let value = try object()[key], value != .null else { return nil }
            guard case .object(let author) = value else { throw fail(key, "an object with \"\(field)\"") }
            guard case .string(let login)? = author[field] else { return nil }
            return login
        }

        func array(_ key: String) throws -> [Reader] {
            guard let value = try object()[key], value != .null else { return [] }
            guard case .array(let items) = value else { throw fail(key, "an array") }
            return items.enumerated().map { Reader(file: file, path: "\(path).\(key)[\($0.offset)]", value: $0.element) }
        }

        /// Whether `key`'s author says it is an app (`"is_bot": true`; gh's `app/…` logins are
        /// `isAutomatedReviewer`'s to see).
        func isApp(_ key: String) throws -> Bool {
            guard case .object(let author)? = try object()[key], case .bool(true)? = author["is_bot"] else { return false }
            return true
        }

        func gitHub() throws -> PullRequest {
            let author = try login("author", field: "login")
            let merged = try optionalDate("mergedAt")
            let commitRecords = try array("commits")
            var rounds = 0
            var changes = 0
            var comments = 0
            var first: Int64?
            // Each reviewer's last review: a comment within the hour after it is the same round
            // (GitHub stores every reply in a thread as a review of its own); an approval or a
            // request for changes is a round of its own. (Not "until the next commit": a fix amended
            // into a commit keeps its author date, and pushes have no time here.)
            var lastReview: [String: Int64] = [:]
            let reviews = try array("reviews").sorted {
                (try $0.optionalDate("submittedAt") ?? .max) < (try $1.optionalDate("submittedAt") ?? .max)
            }
            for review in reviews {
                let reviewer = try review.login("author", field: "login")
                let state = try review.optionalString("state") ?? ""
                guard reviewer != author, state != "PENDING", let time = try review.optionalDate("submittedAt") else { continue }
                // A bot's or an AI reviewer's review is no person's time, and no wait ended by a person.
                guard !PullRequestExport.isAutomatedReviewer(reviewer ?? "", app: try review.isApp("author")) else { continue }
                if state == "CHANGES_REQUESTED" { changes += 1 }
                if !(try review.optionalString("body") ?? "").isEmpty { comments += 1 }
                let key = reviewer ?? ""
                let newRound = state != "COMMENTED" || (lastReview[key].map { time - $0 >= 3_600 } ?? true)
                lastReview[key] = time
                if newRound { rounds += 1 }
                // A review after the merge held nothing up: it is no first review.
                if merged.map({ time <= $0 }) ?? true { first = min(first ?? time, time) }
            }
            for comment in try array("comments") where try comment.login("author", field: "login") != author {
                let commenter = try comment.login("author", field: "login") ?? ""
                guard !PullRequestExport.isAutomatedReviewer(commenter, app: try comment.isApp("author")) else { continue }
                comments += 1
                if let time = try comment.optionalDate("createdAt"), merged.map({ time <= $0 }) ?? true {
                    first = min(first ?? time, time)
                }
            }
            let commits = try commitRecords.compactMap { try $0.optionalString("oid") }
            var commitTimes: [Int64] = []
            var commitHeadlines: [String] = []
            for record in commitRecords {
                guard let time = try record.optionalDate("authoredDate") else { continue }
                commitTimes.append(time)
                commitHeadlines.append(try record.optionalString("messageHeadline") ?? "")
            }
            return PullRequest(
                number: try int("number"), title: try string("title"), author: author, created: try date("createdAt"),
                merged: merged, closed: try optionalDate("closedAt"),
                headBranch: try optionalString("headRefName"), baseBranch: try optionalString("baseRefName"),
                additions: try optionalInt("additions"), deletions: try optionalInt("deletions"),
                // No `reviews` in the export (gh run without the field): rounds unknown, not none.
                reviewRounds: try object()["reviews"] == nil ? nil : rounds,
                changeRequests: changes, firstReview: first, reviewComments: comments, commits: commits,
                commitTimes: commitTimes.isEmpty ? nil : commitTimes,
                commitHeadlines: commitTimes.isEmpty ? nil : commitHeadlines)
        }

        func gitLab() throws -> PullRequest {
            PullRequest(
                number: try int("iid"), title: try string("title"), author: try login("author", field: "username"),
                created: try date("created_at"), merged: try optionalDate("merged_at"), closed: try optionalDate("closed_at"),
                headBranch: try optionalString("source_branch"), baseBranch: try optionalString("target_branch"),
                additions: nil, deletions: nil, reviewRounds: nil, changeRequests: 0, firstReview: nil,
                reviewComments: try optionalInt("user_notes_count") ?? 0,
                commits: try optionalString("merge_commit_sha").map { [$0] } ?? [])
        }
    }
}

/// ISO 8601 date-times as exports write them (`2026-11-16T12:53:44Z`, with or without fractions or an offset).
package enum ISODate {
    package static func seconds(_ text: String) -> Int64? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text).map { Int64($0.timeIntervalSince1970.rounded(.down)) }
    }
}
