import Foundation
import Testing

@testable import SampleGen

/// The validity worlds plant what World.swift says they plant.
@Suite("SampleGen's validity worlds")
struct WorldTests {
    static let checkout = "/tmp/validity/checkout"

    func json(_ files: [GeneratedFile], _ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(file(files, path) ?? []))
    }

    /// Each line of every JSONL session log under machines/, parsed.
    func records(_ files: [GeneratedFile]) -> [(path: String, record: [String: Any])] {
        files.filter { $0.path.hasSuffix(".jsonl") && !$0.path.contains("/subagents/") }.flatMap { log in
            String(decoding: log.bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).map { (log.path, $0) }
            }
        }
    }

    @Test(
        "realistic-linear: no merge commits, each branch rebased (its commits land together), SHOP keys in the branches and a third of the subjects, branches only in Claude Code logs collected in one folder"
    )
    func linear() throws {
        let files = SampleDataGenerator(seed: 3, scenario: Scenario(name: "realistic-linear", checkout: Self.checkout)).generate()
        let truth = try #require(try json(files, "truth.json") as? [String: Any])
        #expect((truth["counts"] as? [String: Any])?["mergeCommits"] as? Int == 0)
        #expect(file(files, "prs.json") == nil)
        let tasks = try #require(truth["tasks"] as? [[String: Any]]).filter { $0["bot"] as? Bool == false }
        #expect((150...260).contains(tasks.count), "\(tasks.count) tasks")
        #expect(tasks.allSatisfy { ($0["key"] as? String)?.hasPrefix("SHOP-") == true && $0["branch"] is NSNull })
        let subjects = Self.subjects(file(files, "repo.fi") ?? [])
        let people = subjects.filter { !$0.hasPrefix("chore(deps)") && !$0.hasPrefix("Import acme-shop") }
        #expect(people.count > 1000)
        let keyed = Double(people.filter { $0.contains("SHOP-") }.count) / Double(max(people.count, 1))
        #expect((0.2...0.45).contains(keyed), "share of subjects with a key: \(keyed)")
        // Rebased: a task's commits share the committer time of the rebase, so there are about
        // as many committer times as tasks, far fewer than commits.
        let committerTimes = Set(Self.committerTimes(file(files, "repo.fi") ?? []))
        #expect(committerTimes.count < subjects.count / 3, "\(committerTimes.count) committer times for \(subjects.count) commits")
        let logs = files.filter { $0.path.hasPrefix("machines/") }
        #expect(!logs.isEmpty && logs.allSatisfy { $0.path.hasPrefix("machines/collected/claude-code/") })
        let lines = records(files)
        let folders = Set(lines.compactMap { $0.record["cwd"] as? String })
        #expect(folders == [Self.checkout, "/workspace"])
        #expect(lines.contains { ($0.record["gitBranch"] as? String)?.contains("SHOP-") == true })
        let world = try #require(truth["world"] as? [String: Any])
        let extra = try #require(world["confounderSessions"] as? [[String: Any]])
        #expect(Set(extra.compactMap { $0["kind"] as? String }) == ["abandoned", "review"])
        // One person uses AI for every task, one never does.
        let byAuthor = Dictionary(grouping: tasks) { $0["author"] as? String ?? "" }
        #expect(byAuthor["alice"]?.allSatisfy { $0["ai"] as? Bool == true } == true)
        #expect(byAuthor["erin"]?.allSatisfy { $0["ai"] as? Bool == false } == true)
    }

    /// The first line of every commit message in a fast-import stream.
    /// The committer time of every commit of a fast-import stream.
    static func committerTimes(_ stream: [UInt8]) -> [Int64] {
        String(decoding: stream, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard line.hasPrefix("committer ") else { return nil }
            let fields = line.split(separator: " ")
            return fields.count >= 2 ? Int64(fields[fields.count - 2]) : nil
        }
    }

    static func subjects(_ stream: [UInt8]) -> [String] {
        var subjects: [String] = []
        var index = 0
        let text = Array(stream)
        while let found = find(Array("\ncommitter ".utf8), in: text, from: index),
            let data = find(Array("\ndata ".utf8), in: text, from: found + 1)
        {
            var end = data + 6
            while end < text.count && text[end] != 0x0A { end += 1 }
            let count = Int(String(decoding: text[(data + 6)..<end], as: UTF8.self)) ?? 0
            let message = String(decoding: text[(end + 1)..<min(end + 1 + count, text.count)], as: UTF8.self)
            subjects.append(String(message.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""))
            index = end + 1 + count
        }
        return subjects
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }

    @Test("realistic-squash: squash merges only, reviews mostly after a day, Codex and aider logs naming home folders")
    func squash() throws {
        let files = SampleDataGenerator(seed: 4, scenario: Scenario(name: "realistic-squash", checkout: Self.checkout)).generate()
        let truth = try #require(try json(files, "truth.json") as? [String: Any])
        #expect((truth["counts"] as? [String: Any])?["mergeCommits"] as? Int == 0)
        let tasks = try #require(truth["tasks"] as? [[String: Any]]).filter { $0["bot"] as? Bool == false }
        #expect(tasks.allSatisfy { $0["style"] as? String == "squash" })
        let requests = try #require(try json(files, "prs.json") as? [[String: Any]])
        let iso = ISO8601DateFormatter()
        var waits: [Double] = []
        for request in requests where (request["author"] as? [String: Any])?["is_bot"] as? Bool == false {
            #expect(request["headRefName"] is String && !((request["commits"] as? [Any])?.isEmpty ?? true))
            guard let created = (request["createdAt"] as? String).flatMap(iso.date(from:)),
                let reviews = request["reviews"] as? [[String: Any]],
                let first = reviews.compactMap({ ($0["submittedAt"] as? String).flatMap(iso.date(from:)) }).min()
            else { continue }
            waits.append(first.timeIntervalSince(created) / 3600)
        }
        waits.sort()
        #expect(waits.count > 100 && waits[waits.count / 2] > 24, "median wait \(waits.isEmpty ? 0 : waits[waits.count / 2]) h")
        let folders = Set(records(files).filter { $0.record["type"] as? String == "session_meta" }
            .compactMap { ($0.record["payload"] as? [String: Any])?["cwd"] as? String })
        #expect(folders == ["/home/alice/src/acme-shop", "/workspace"])
        #expect(files.contains { $0.path == "machines/dave/acme-shop/.aider.chat.history.md" })
        #expect(files.contains { $0.path == "machines/devbox/workspace/.aider.chat.history.md" })
    }

    @Test("a confounder alone switches on the plain world; the demo stays the default")
    func options() throws {
        let options = try Options.parse(["--confounder", "linear", "--out", "/tmp/x"])
        #expect(options.scenario == Scenario(name: "plain", confounders: [.linear]))
        #expect(try Options.parse(["--out", "/tmp/x"]).scenario.isDemo)
        #expect(throws: Options.UsageError.self) { try Options.parse(["--world", "nowhere", "--out", "/tmp/x"]) }
        #expect(throws: Options.UsageError.self) { try Options.parse(["--confounder", "linear"]) }
    }
}
