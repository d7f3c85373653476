import Foundation
import Ingestion
import Model
import Support
import TestSupport
import Testing

@testable import Review

@Suite("Reading added lines from git: bounded and forgiving")
struct DiffReaderTests {
    @Test("binary files, a huge diff, non-UTF-8 lines, a submodule, a deleted file and a rename: no crash, findings still found")
    func awkwardCommit() throws {
        let repository = try ScriptedRepository("review-diff")
        defer { repository.remove() }
        try repository.write("old.txt", "one\ntwo\n")
        try repository.write("gone.py", "x = 1\n")
        try repository.write("moved.py", (1...20).map { "line_\($0) = \($0)" }.joined(separator: "\n") + "\n")
        let base = try repository.commit("base")
        try repository.write("image.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 0, 255, 254])
        try repository.write("big.txt", (1...5_000).map { "row \($0)" }.joined(separator: "\n") + "\n")
        try repository.write("latin1.py", bytes: Array("name = '".utf8) + [0xE9, 0xE8] + Array("'\n".utf8))
        try repository.write("db.py", "cur.execute(f\"SELECT a FROM t WHERE b = {b}\")\n")
        try FileManager.default.removeItem(atPath: repository.path + "/gone.py")
        try repository.git("mv", "moved.py", "renamed.py")
        try repository.write("renamed.py", (1...20).map { "line_\($0) = \($0)" }.joined(separator: "\n") + "\nrequests.get(u, verify=False)\n")
        try FileManager.default.createDirectory(atPath: repository.path + "/vendor/lib", withIntermediateDirectories: true)
        try repository.git("update-index", "--add", "--cacheinfo", "160000,\(base),vendor/lib")
        try repository.write("with space/we\"ird\tname.rb", "system(\"ls #{dir}\")\n")
        let hash = try repository.commit("awkward")

        let reader = DiffReader(git: GitInvocation(repository: repository.path, environment: ScriptedRepository.environment()))
        let diffs = try reader.read([hash, base])
        #expect(diffs.map(\.hash) == [hash, base])
        let files = Dictionary(uniqueKeysWithValues: diffs[0].files.map { ($0.path, $0) })
        #expect(files["image.png"]?.binary == true && files["image.png"]?.added.isEmpty == true)
        #expect(files["big.txt"]?.added.count == DiffParser.maximumLinesPerFile && files["big.txt"]?.truncated == true)
        #expect(files["latin1.py"]?.added.first?.text.contains("\u{FFFD}") == true)
        #expect(files["gone.py"]?.status == .deleted)
        #expect(files["renamed.py"]?.status == .renamed && files["renamed.py"]?.oldPath == "moved.py")
        #expect(files["renamed.py"]?.added.map(\.number) == [21])
        #expect(files["vendor/lib"]?.submodule == true && files["vendor/lib"]?.added.isEmpty == true)
        #expect(files["with space/we\"ird\tname.rb"]?.added.count == 1)
        #expect(diffs[0].notes.contains { $0.hasPrefix("big.txt: 2000 of 5000") })

        let unit = ReviewUnit(
            id: "t", key: "T", title: "t", repository: repository.path, author: "a", ai: true, category: .crud, end: 0,
            diffs: [diffs[0]])
        let rules = Set(Reviewer.findings(unit, ReviewContext()).map(\.rule))
        #expect(rules.isSuperset(of: ["sql-interpolation", "tls-off", "shell-injection"]))
    }

    @Test("the removed lines of the files asked for are kept, numbered in the old file; other files' are only counted")
    func removedLines() {
        var parser = DiffParser(keepsRemoved: { $0.hasSuffix("package.json") })
        let lines = [
            "\u{1E}abc", "", "diff --git a/web/package.json b/web/package.json", "--- a/web/package.json", "+++ b/web/package.json",
            "@@ -4 +4 @@", #"-    "express": "^4.18.2""#, #"+    "express": "^4.19.2""#,
            "diff --git a/app.py b/app.py", "--- a/app.py", "+++ b/app.py", "@@ -7,2 +7 @@", "-old = 1", "-older = 2", "+new = 1",
        ]
        for line in lines {
            Array(line.utf8).withUnsafeBufferPointer { parser.line($0) }
        }
        let files = parser.finish().first?.files ?? []
        #expect(files.map(\.path) == ["web/package.json", "app.py"])
        #expect(files.first?.removed == [CommitDiff.Line(number: 4, text: #"    "express": "^4.18.2""#)])
        #expect(files.last?.removed == [] && files.last?.deletedCount == 2)
    }

    @Test("a provider's key past the cut of a long line is found (at its end, across the cut, in a one-line JSON config), with a note")
    func longLines() throws {
        let key = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
        let flags = (0..<400).map { "\"flag_\($0)\":true" }.joined(separator: ",")
        let added = [
            String(repeating: "var a=1;", count: 1_000) + "const k = \"\(key)\";",
            #"{"name":"shop","features":{"# + flags + #"},"stripe":{"secret_key":""# + key + #""}}"#,
            String(repeating: "x", count: DiffParser.maximumLineBytes - 10) + " = \"\(key)\"",
            String(repeating: "var b=2;", count: 1_000),
        ]
        var parser = DiffParser()
        let lines = ["\u{1E}abc", "", "diff --git a/config.js b/config.js", "--- a/config.js", "+++ b/config.js", "@@ -0,0 +1,4 @@"]
            + added.map { "+" + $0 }
        for line in lines {
            Array(line.utf8).withUnsafeBufferPointer { parser.line($0) }
        }
        let diff = try #require(parser.finish().first)
        let file = try #require(diff.files.first)
        #expect(file.added.map(\.text.utf8.count).allSatisfy { $0 <= DiffParser.maximumLineBytes })
        #expect(file.added.map(\.secret) == ["stripe key", "stripe key", "stripe key", nil])
        #expect(diff.notes == ["config.js: 4 added lines longer than 2000 bytes read in part (the rest searched for keys only)"])
        let unit = ReviewUnit(id: "t", key: "T", title: "t", repository: "/r", author: "a", ai: true, category: .crud, end: 0, diffs: [diff])
        let secrets = SecurityCheck.run(unit, ReviewContext()).filter { $0.rule == "secret-literal" }
        #expect(secrets.map(\.line) == [1, 2, 3] && secrets.allSatisfy { $0.weight == 6 })
    }

    @Test("a commit's added lines are capped in all, with a note")
    func commitCap() {
        var parser = DiffParser()
        var lines = ["\u{1E}abc", ""]
        for file in 0..<12 {
            lines += ["diff --git a/f\(file) b/f\(file)", "--- a/f\(file)", "+++ b/f\(file)", "@@ -0,0 +1,1900 @@"]
            lines += (1...1_900).map { "+x\($0)" }
        }
        for line in lines {
            Array(line.utf8).withUnsafeBufferPointer { parser.line($0) }
        }
        let diffs = parser.finish()
        #expect(diffs.first?.files.reduce(0) { $0 + $1.added.count } == DiffParser.maximumLinesPerCommit)
        #expect(diffs.first?.files.last?.truncated == true)
    }
}
