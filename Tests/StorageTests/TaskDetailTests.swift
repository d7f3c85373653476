import Foundation
import Model
import Storage
import Support
import TestSupport
import Testing

/// A task's stored detail is written by hand (`WorkTask.storedDetail`) for speed; these hold it
/// byte for byte to what `JSONEncoder` with sorted keys writes, which is what earlier builds stored
/// (so an upgrade finds every unchanged task unchanged) and what `TaskStore.tasks()` decodes.
@Suite("A task's stored detail")
struct TaskDetailTests {
    private static func encoded(_ task: WorkTask) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(task)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every optional set, texts with every character JSON escapes, non-ASCII and slashes.
    private static var everyField: WorkTask {
        var awkward = ""
        for value in 0..<0x21 { awkward.unicodeScalars.append(Unicode.Scalar(value)!) }
        awkward += "/\\\"é\u{7f}\u{2028}😀 </script>"
        var task = TaskStoreTests.sample(repositories: ["/r/é"])[5]
        task.title = awkward
        task.branch = "feature/" + awkward
        task.classificationNote = awkward
        task.aiLabel = false
        task.weakLinksOnly = true
        task.aiTools = ["claude-code", awkward]
        task.aiReasons = [awkward]
        task.pullRequest = 12
        task.reviewRounds = 0
        task.changeRequests = 3
        task.reviewComments = 7
        task.firstReviewWaitHours = -0.0
        task.mergeWaitHours = 1e-9
        task.reviewerHours = 1e300
        task.estimateHours = 12345678.5
        task.evidence = [Evidence(family: "path", detail: awkward, category: .security, weight: 0.1 + 0.2)]
        task.commits[0].rework = awkward
        task.commits[0].subject = awkward
        task.sessions = [WorkTask.TaskSession(tool: "aider", id: awkward, reason: awkward, evidence: .key, activeSeconds: -5)]
        return task
    }

    @Test("equals JSONEncoder's sorted-key output for tasks with and without every optional field")
    func equalsEncoder() {
        let tasks = TaskStoreTests.sample(repositories: ["/a", "/b"]) + [Self.everyField]
        for task in tasks {
            #expect(task.storedDetail == Self.encoded(task), "task \(task.id)")
        }
        #expect(Self.everyField.storedDetail?.contains("\\/script") == true)
    }

    @Test("writes numbers of every magnitude as JSONEncoder does")
    func numbers() {
        var generator = SplitMix(seed: 7)
        var task = Self.everyField
        var weights: [Double] = [0, -0.0, 1, -1, 1e15, 1e16, 9_007_199_254_740_993, 1e-5, 5e-324, .greatestFiniteMagnitude, 0.5]
        while weights.count < 3000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            weights.append(value)
            // Values near everyday figures too: whole and fractional hours, large and small.
            weights.append(Double(Int64(bitPattern: generator.next()) % 10_000_000) / [1, 4, 1000, 3][weights.count % 4])
        }
        task.evidence = weights.map { Evidence(family: "shape", detail: "", category: .crud, weight: $0) }
        task.effortHours = weights[weights.count / 2]
        #expect(task.storedDetail == Self.encoded(task))
    }

    @Test("is nil for a figure JSON cannot hold, where the encoder throws")
    func nonFinite() {
        var task = Self.everyField
        task.confidence = .nan
        #expect(task.storedDetail == nil)
        #expect(Self.encoded(task) == nil)
        task.confidence = 0.5
        task.commits[0].effortHours = .infinity
        #expect(task.storedDetail == nil)
    }
}
