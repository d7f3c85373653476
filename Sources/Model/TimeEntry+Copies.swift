import Foundation

/// How a time-log row names its task, and which rows of several files are the same hours
/// (METHOD.md, Effort; README, `ingest timelog`).
extension TimeEntry {
    /// A task name as it is matched: trimmed of spaces and tabs, in upper case (issue keys ignore
    /// case), and a pull request's `PR #12`, `PR#12`, `PR 12`, GitLab's `!12` and `#12` all as `#12`.
    /// `web#12` (or `acme/web#12`, GitHub's cross-repository form) names pull request #12 of the
    /// repository whose folder is `web`: `WEB#12`.
    package static func taskKey(_ task: String) -> String {
        var text = asciiUppercased(task) ?? task.trimmingCharacters(in: .whitespaces).uppercased()
        if text.hasPrefix("PR #") {
            text.removeFirst(3)
        } else if let number = pullRequestNumber(text, after: ["PR#", "PR ", "!"]) {
            text = "#" + number
        } else if let hash = text.lastIndex(of: "#"), hash != text.startIndex, isNumber(text[text.index(after: hash)...]),
            !text[..<hash].contains(where: { $0 == " " || $0 == "\t" || $0 == "#" })
        {
            // `acme/web#12`: the repository's folder name is the last part.
            if let slash = text[..<hash].lastIndex(of: "/") { text = String(text[text.index(after: slash)...]) }
        }
        return text
    }

    /// `web#12` as `("WEB", 12)`: a pull request of one named repository; nil for any other name.
    package static func qualifiedPullRequest(_ key: String) -> (repository: String, number: Int)? {
        guard let hash = key.lastIndex(of: "#"), hash != key.startIndex, let number = Int(key[key.index(after: hash)...]),
            isNumber(key[key.index(after: hash)...])
        else { return nil }
        return (String(key[..<hash]), number)
    }

    /// What makes two rows the same hours: the date, the author (ignoring case, as aliases do), the
    /// task as it is matched (`taskKey`), the hours and the activity. The estimate is not part of it.
    package struct Identity: Hashable, Sendable {
        package var date: String
        package var author: String
        package var task: String
        package var hours: Double
        package var activity: Activity
    }

    package var identity: Identity {
        Identity(
            date: date, author: author.trimmingCharacters(in: .whitespaces).lowercased(), task: Self.taskKey(task), hours: hours,
            activity: activity)
    }

    /// The rows of several time logs that count: a row that several files hold (a tracker's export
    /// downloaded again, a cumulative export, a link to the same file) counts as many times as the
    /// file that holds it most often holds it, whatever order the files were read in. Two equal
    /// rows in one file are two hours logged (a morning and an afternoon); one equal row in another
    /// file cancels one of them, not both. The copies kept are those of the file with the most
    /// (the first of `files` on a tie); rows come in the order of `files`, each file's in its order.
    package static func counted(_ files: [(source: String, entries: [TimeEntry])]) -> [TimeEntry] {
        guard files.count > 1 else { return files.first?.entries ?? [] }
        var keeper: [Identity: (file: Int, count: Int)] = [:]
        for (file, entries) in files.map(\.entries).enumerated() {
            var counts: [Identity: Int] = [:]
            for entry in entries { counts[entry.identity, default: 0] += 1 }
            for (identity, count) in counts where count > keeper[identity]?.count ?? 0 { keeper[identity] = (file, count) }
        }
        var rows: [TimeEntry] = []
        for (file, entries) in files.map(\.entries).enumerated() {
            rows += entries.filter { keeper[$0.identity]?.file == file }
        }
        return rows
    }

    /// How many rows of `entries` another file's `others` holds too (each row of either matched once).
    package static func equalRows(_ entries: [TimeEntry], _ others: [TimeEntry]) -> Int {
        var counts: [Identity: Int] = [:]
        for entry in others { counts[entry.identity, default: 0] += 1 }
        var equal = 0
        for entry in entries {
            if let count = counts[entry.identity], count > 0 {
                counts[entry.identity] = count - 1
                equal += 1
            }
        }
        return equal
    }

    /// The digits after the first of `prefixes` that `text` starts with, when only digits follow.
    private static func pullRequestNumber(_ text: String, after prefixes: [String]) -> String? {
        for prefix in prefixes where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            return isNumber(rest) ? String(rest) : nil
        }
        return nil
    }

    private static func isNumber(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// `key` trimmed of spaces and tabs and in upper case, for a key of ASCII bytes only (nearly
    /// all of them; every task's key is normalized several times a build): what Foundation's
    /// trimming and `uppercased()` give for such a key, without them. Nil for any other key.
    private static func asciiUppercased(_ key: String) -> String? {
        var utf8 = key.utf8[...]
        guard !utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        while let first = utf8.first, first == 0x20 || first == 0x09 { utf8 = utf8.dropFirst() }
        while let last = utf8.last, last == 0x20 || last == 0x09 { utf8 = utf8.dropLast() }
        return String(decoding: utf8.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
