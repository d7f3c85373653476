import Foundation
import Testing

@testable import SampleGen

@Suite("The demo team's generated data", .serialized)
struct SampleGenTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Seed 1's data, generated once for the suite (a generation takes seconds in a debug build).
    static let seedOne = TeamData.generate(seed: 1)

    @Test("the same seed gives the same bytes; another seed differs")
    func determinism() {
        let first = Self.seedOne
        let second = TeamData.generate(seed: 1)
        #expect(first.keys.sorted() == second.keys.sorted())
        for key in first.keys { #expect(first[key] == second[key], "\(key) differs between two runs") }
        #expect(TeamData.generate(seed: 2)["repo.fi"] != first["repo.fi"])
    }

    @Test("the committed SampleData is what the generator writes with seed 1")
    func committedMatches() throws {
        let generated = Self.seedOne
        let directory = Self.packageRoot + "/SampleData"
        for (path, bytes) in generated {
            let committed = FileManager.default.contents(atPath: directory + "/" + path)
            #expect(committed.map(Array.init) == bytes, "SampleData/\(path) is stale: run 'swift run SampleGen'")
        }
        let enumerator = FileManager.default.enumerator(atPath: directory + "/machines")
        while let file = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/machines/" + file, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                #expect(generated["machines/" + file] != nil, "SampleData/machines/\(file) is not generated any more")
            }
        }
    }

    @Test("truth.json has enough AI and human tasks in every non-neutral category, and every mark exists")
    func truth() throws {
        let data = Data(Self.seedOne["truth.json"] ?? [])
        let truth = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let tasks = try #require(truth["tasks"] as? [[String: Any]])
        var counts: [String: (ai: Int, human: Int)] = [:]
        var marks: [Int] = []
        for task in tasks {
            marks += (task["commitMarks"] as? [Int]) ?? []
            if let merge = task["mergeMark"] as? Int { marks.append(merge) }
            guard task["bot"] as? Bool == false, let category = task["category"] as? String,
                task["zone"] as? String != "neutral"
            else { continue }
            let ai = task["ai"] as? Bool ?? false
            counts[category, default: (0, 0)].ai += ai ? 1 : 0
            counts[category, default: (0, 0)].human += ai ? 0 : 1
        }
        #expect(counts.count == 12)
        for (category, count) in counts {
            #expect(count.ai >= 8 && count.human >= 8, "\(category): \(count.ai) AI, \(count.human) human")
        }
        #expect(Set(marks).count == marks.count, "a commit belongs to two tasks")
        #expect(marks.sorted() == Array(1...marks.count), "a commit belongs to no task")
    }

    @Test("the stream imports with git fast-import")
    func imports() throws {
        let directory = FileManager.default.temporaryDirectory.path + "/samplegen-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }  // cleanup of a temporary folder
        let stream = directory + ".fi"
        defer { try? FileManager.default.removeItem(atPath: stream) }  // cleanup of a temporary file
        try Data(Self.seedOne["repo.fi"] ?? []).write(to: URL(fileURLWithPath: stream))
        let count = try Self.shell(
            "git init -q -b main '\(directory)' && git -C '\(directory)' fast-import --quiet < '\(stream)'"
                + " && git -C '\(directory)' rev-list --count main")
        let truth = try #require(
            try JSONSerialization.jsonObject(with: Data(Self.seedOne["truth.json"] ?? []))
                as? [String: Any])
        let tasks = try #require(truth["tasks"] as? [[String: Any]])
        let expected = tasks.reduce(0) { $0 + (($1["commitMarks"] as? [Int])?.count ?? 0) + ($1["mergeMark"] is Int ? 1 : 0) }
        #expect(Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) == expected)
    }

    @Test("large mode writes a history of the requested length")
    func large() throws {
        let path = FileManager.default.temporaryDirectory.path + "/large-\(UUID().uuidString.prefix(8))"
        defer {
            try? FileManager.default.removeItem(atPath: path)  // cleanup of temporary files
            try? FileManager.default.removeItem(atPath: path + ".fi")
        }
        var bytes: [UInt8] = []
        LargeHistory(commits: 500, seed: 1).write { bytes += $0 }
        try Data(bytes).write(to: URL(fileURLWithPath: path + ".fi"))
        let count = try Self.shell(
            "git init -q -b main '\(path)' && git -C '\(path)' fast-import --quiet < '\(path).fi'"
                + " && git -C '\(path)' rev-list --count main")
        #expect(Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 490)
    }

    static func shell(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()  // read before waiting
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
