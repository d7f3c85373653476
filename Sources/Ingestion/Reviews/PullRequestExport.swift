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
        try IngestionError.checkRegularFile(path, expected: "a JSON file")
        guard let data = FileManager.default.contents(atPath: path) else { throw IngestionError.missingPath(path) }
        return try parse(data, file: path)
    }

    package static func parse(_ data: Data, file: String) throws -> [PullRequest] {
        let items = try elements(data, file: file)
        var result: [PullRequest] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let reader = Reader(file: file, path: "$[\(index)]", value: item)
            result.append(try reader.object()["iid"] != nil ? reader.gitLab() : reader.gitHub())
        }
        return result
    }

    /// Whether a pull request's times cannot happen: merged, closed or first reviewed before it
    /// was created (a wrong clock, an edited export). Its negative waits count nowhere.
    package static func hasImpossibleTimes(_ pullRequest: PullRequest) -> Bool {
        [pullRequest.merged, pullRequest.closed, pullRequest.firstReview].contains { $0.map { $0 < pullRequest.created } ?? false }
    }

    /// One pull request a number, each the latest of the export's entries for it (`PullRequest.latest`),
    /// in the order of their first entry; and how many numbers had more than one entry.
    package static func latestByNumber(_ pullRequests: [PullRequest]) -> (pullRequests: [PullRequest], repeated: Int) {
        var position: [Int: Int] = [:]
        var result: [PullRequest] = []
        var repeated: Set<Int> = []
        for pullRequest in pullRequests {
            if let index = position[pullRequest.number] {
                result[index] = PullRequest.latest(result[index], pullRequest)
                repeated.insert(pullRequest.number)
            } else {
                position[pullRequest.number] = result.count
                result.append(pullRequest)
            }
        }
        return (result, repeated.count)
    }

    /// The export's pull requests: one JSON array, or several one after another (`gh api
    /// --paginate` writes each page as an array of its own), read as one list.
    static func elements(_ data: Data, file: String) throws -> [JSONValue] {
        let bytes = [UInt8](data)
        if let root = JSONPages.value(bytes) ?? (try? JSONDecoder().decode(JSONValue.self, from: data)) {
            guard case .array(let items) = root else {
                throw IngestionError.badRecord(file: file, place: "$", expected: "a JSON array of pull requests (found \(root.kindName))")
            }
            return items
        }
        // Pages one after another, else where the text stops being JSON, as a line and column.
        let pages = JSONPages.split(bytes)
        if let pages, pages.count > 1 {
            var items: [JSONValue] = []
            for (number, page) in pages.enumerated() {
                let place = JSONPages.place(of: page.lowerBound, in: bytes)
                guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes[page])) else {
                    throw IngestionError.badRecord(file: file, place: place, expected: "JSON (page \(number + 1) of \(pages.count) cannot be read)")
                }
                guard case .array(let more) = value else {
                    throw IngestionError.badRecord(
                        file: file, place: place,
                        expected: "one JSON array of pull requests, or arrays one after another as gh api --paginate writes them "
                            + "(found \(value.kindName) after the first value: JSON Lines?)")
                }
                items += more
            }
            return items
        }
        let offset = JSONPages.syntaxError(bytes)
        throw IngestionError.badRecord(
            file: file, place: offset.map { JSONPages.place(of: $0, in: bytes) } ?? "$",
            expected: "a JSON array of pull requests (not valid JSON\(offset == nil ? "" : " here"))")
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

        /// Whether the export carried `key` (present and not null): an absent or null key is not
        /// known, and another export's value stays (`PullRequest.latest`).
        func carries(_ key: String) throws -> Bool {
            guard let value = try object()[key] else { return false }
            return value != .null
        }

        /// A pull request's number: a whole number of 1 or more.
        func number(_ key: String) throws -> Int {
            let number = try int(key)
            guard number >= 1 else { throw fail(key, "a pull-request number of 1 or more, not \(number)") }
            return number
        }

        func gitHub() throws -> PullRequest {
            // In the order errors name them: the number first, then the title.
            let number = try number("number")
            let title = try string("title")
            let author = try login("author", field: "login")
            let merged = try optionalDate("mergedAt")
            let created = try date("createdAt")
            let commitRecords = try array("commits")
            var rounds = 0
            var changes = 0
            var reviewBodies = 0
            var firstReview: Int64?
            var latest = created
            // Each reviewer's last review: a comment within the hour after it is the same round
            // (GitHub stores every reply in a thread as a review of its own); an approval or a
            // request for changes is a round of its own. (Not "until the next commit": a fix amended
            // into a commit keeps its author date, and pushes have no time here.)
            var lastReview: [String: Int64] = [:]
            let reviews = try array("reviews").map { ($0, try $0.optionalDate("submittedAt")) }.sorted {
                ($0.1 ?? .max) < ($1.1 ?? .max)
            }
            for (review, submitted) in reviews {
                let reviewer = try review.login("author", field: "login")
                let state = try review.optionalString("state") ?? ""
                guard reviewer != author, state != "PENDING", let time = submitted else { continue }
                latest = max(latest, time)
                // A bot's or an AI reviewer's review is no person's time, and no wait ended by a person.
                guard !PullRequestExport.isAutomatedReviewer(reviewer ?? "", app: try review.isApp("author")) else { continue }
                if state == "CHANGES_REQUESTED" { changes += 1 }
                if !(try review.optionalString("body") ?? "").isEmpty { reviewBodies += 1 }
                let key = reviewer ?? ""
                let newRound = state != "COMMENTED" || (lastReview[key].map { time - $0 >= 3_600 } ?? true)
                lastReview[key] = time
                if newRound { rounds += 1 }
                // A review after the merge held nothing up: it is no first review.
                if merged.map({ time <= $0 }) ?? true { firstReview = min(firstReview ?? time, time) }
            }
            var comments = 0
            var firstComment: Int64?
            for comment in try array("comments") where try comment.login("author", field: "login") != author {
                let commenter = try comment.login("author", field: "login") ?? ""
                let time = try comment.optionalDate("createdAt")
                if let time { latest = max(latest, time) }
                guard !PullRequestExport.isAutomatedReviewer(commenter, app: try comment.isApp("author")) else { continue }
                comments += 1
                if let time, merged.map({ time <= $0 }) ?? true { firstComment = min(firstComment ?? time, time) }
            }
            let commits = try commitRecords.compactMap { try $0.optionalString("oid") }
            var commitTimes: [Int64] = []
            var commitHeadlines: [String] = []
            for record in commitRecords {
                guard let time = try record.optionalDate("authoredDate") else { continue }
                commitTimes.append(time)
                commitHeadlines.append(try record.optionalString("messageHeadline") ?? "")
            }
            let closed = try optionalDate("closedAt")
            let updated = try optionalDate("updatedAt")
            latest = max(latest, merged ?? .min, closed ?? .min, updated ?? .min, commitTimes.max() ?? .min)
            let knownReviews = try carries("reviews")
            let knownComments = try carries("comments")
            let fromReviews = knownReviews ? PullRequest.Activity(first: firstReview, count: reviewBodies) : nil
            let fromComments = knownComments ? PullRequest.Activity(first: firstComment, count: comments) : nil
            var pullRequest = PullRequest(
                number: number, title: title, author: author, created: created,
                merged: merged, closed: closed,
                headBranch: try optionalString("headRefName"), baseBranch: try optionalString("baseRefName"),
                additions: try optionalInt("additions"), deletions: try optionalInt("deletions"),
                // No `reviews` in the export (gh run without the field): rounds unknown, not none.
                reviewRounds: knownReviews ? rounds : nil,
                changeRequests: changes, firstReview: [firstReview, firstComment].compactMap { $0 }.min(),
                reviewComments: reviewBodies + comments, commits: commits,
                commitTimes: commitTimes.isEmpty ? nil : commitTimes,
                commitHeadlines: commitTimes.isEmpty ? nil : commitHeadlines)
            // A key absent is not known; null says none for a person or a time (a deleted account,
            // not merged), but not known for a list or a count (gh writes [] and 0 for none).
            var unknown: [PullRequest.Part] = []
            let has = try object()
            if has["author"] == nil { unknown.append(.author) }
            if has["mergedAt"] == nil { unknown.append(.merged) }
            if has["closedAt"] == nil { unknown.append(.closed) }
            if has["headRefName"] == nil { unknown.append(.headBranch) }
            if has["baseRefName"] == nil { unknown.append(.baseBranch) }
            let knownSize = try carries("additions") || carries("deletions")
            if !knownSize { unknown.append(.size) }
            if !knownReviews { unknown.append(.reviews) }
            if !knownComments { unknown.append(.comments) }
            if !(try carries("commits")) { unknown.append(.commits) }
            pullRequest.unknownParts = unknown.isEmpty ? nil : unknown.sorted()
            pullRequest.lastActivity = latest
            pullRequest.fromReviews = fromReviews
            pullRequest.fromComments = fromComments
            return pullRequest
        }

        func gitLab() throws -> PullRequest {
            let number = try number("iid")
            let title = try string("title")
            let created = try date("created_at")
            let merged = try optionalDate("merged_at")
            let closed = try optionalDate("closed_at")
            let notes = try optionalInt("user_notes_count")
            var pullRequest = PullRequest(
                number: number, title: title, author: try login("author", field: "username"),
                created: created, merged: merged, closed: closed,
                headBranch: try optionalString("source_branch"), baseBranch: try optionalString("target_branch"),
                additions: nil, deletions: nil, reviewRounds: nil, changeRequests: 0, firstReview: nil,
                reviewComments: notes ?? 0,
                commits: try optionalString("merge_commit_sha").map { [$0] } ?? [])
            let has = try object()
            var unknown: [PullRequest.Part] = [.reviews, .size]
            if has["author"] == nil { unknown.append(.author) }
            if has["merged_at"] == nil { unknown.append(.merged) }
            if has["closed_at"] == nil { unknown.append(.closed) }
            if has["source_branch"] == nil { unknown.append(.headBranch) }
            if has["target_branch"] == nil { unknown.append(.baseBranch) }
            if notes == nil { unknown.append(.comments) }
            if has["merge_commit_sha"] == nil { unknown.append(.commits) }
            pullRequest.unknownParts = unknown.sorted()
            let updated = try optionalDate("updated_at")
            pullRequest.lastActivity = [created, merged ?? .min, closed ?? .min, updated ?? .min].max()
            pullRequest.fromComments = notes.map { PullRequest.Activity(first: nil, count: $0) }
            return pullRequest
        }
    }
}

/// ISO 8601 date-times as exports write them (`2026-11-16T12:53:44Z`, with or without fractions or an offset).
package enum ISODate {
    package static func seconds(_ text: String) -> Int64? {
        // The usual forms by hand: a formatter costs tens of microseconds to make, and an export
        // holds a few dates per review, comment and commit. Anything else goes to the formatters.
        if let seconds = fast(text) { return seconds }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text).map { Int64($0.timeIntervalSince1970.rounded(.down)) }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)` with a day the calendar has (`LogTimestamp`, a zone
    /// required), in whole seconds; nil for anything else (which the formatters then read, or refuse).
    static func fast(_ text: String) -> Int64? {
        guard let ms = LogTimestamp.milliseconds(iso: text, zoneRequired: true) else { return nil }
        return ms >= 0 ? ms / 1000 : -((999 - ms) / 1000)
    }
}
