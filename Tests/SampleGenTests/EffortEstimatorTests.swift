import Testing

@testable import SampleGen

@Suite("METHOD.md's git effort estimator")
struct EffortEstimatorTests {
    @Test("gaps of at most two hours count; a longer gap or a first commit earns 30 minutes; merges earn nothing")
    func gaps() {
        func commit(_ time: Int64, _ kind: PlannedCommit.Kind = .normal) -> PlannedCommit {
            let signature = Signature(name: "A", email: "a@x", time: time, offset: 0)
            return PlannedCommit(
                task: nil, author: signature, committer: signature, subject: "s", trailer: nil, body: nil, ref: "main",
                kind: kind, edits: [], isRework: false, sequence: 0)
        }
        let commits = [commit(0), commit(3600), commit(3600 + 7200), commit(3600 + 7201 + 7200), commit(100, .merge(task: 0))]
        let marks = Dictionary(uniqueKeysWithValues: commits.indices.map { ($0, $0 + 1) })
        let effort = EffortEstimator().effort(commits, tasks: [], marks: marks, squashTimelines: true)
        #expect(effort[0] == 1800)
        #expect(effort[1] == 3600)
        #expect(effort[2] == 7200)
        #expect(effort[3] == 1800)
        #expect(effort[4] == nil)
    }

    @Test("with an export, a squash commit's branch times stand in its author's timeline and it earns their sum")
    func squash() {
        func commit(_ time: Int64, task: Int?, _ kind: PlannedCommit.Kind = .normal) -> PlannedCommit {
            let signature = Signature(name: "A", email: "a@x", time: time, offset: 0)
            return PlannedCommit(
                task: task, author: signature, committer: signature, subject: "s", trailer: nil, body: nil, ref: "main",
                kind: kind, edits: [], isRework: false, sequence: 0)
        }
        var task = PlannedTask(
            issue: nil, title: "t", kind: 0, author: 0, bot: nil, ai: false, tool: nil, trailer: false, style: .squash,
            branch: "b", paths: ["a"], intendedHours: 3, remaining: 0, noun: "x")
        // Branch commits at 1 h, 2 h and 3 h; the squash commit at 3 h (the last work commit's time).
        task.squashTimes = [7200, 3600, 10_800]
        let commits = [commit(0, task: nil), commit(10_800, task: 0, .squash), commit(12_600, task: nil)]
        let marks = Dictionary(uniqueKeysWithValues: commits.indices.map { ($0, $0 + 1) })
        let exported = EffortEstimator().effort(commits, tasks: [task], marks: marks, squashTimelines: true)
        #expect(exported[0] == 1800)
        #expect(exported[1] == 10_800)  // 3600 since the commit at 0, then 3600 and 3600
        #expect(exported[2] == 1800)  // 1800 since the last branch commit
        // Without an export the squash commit is one commit.
        let alone = EffortEstimator().effort(commits, tasks: [task], marks: marks, squashTimelines: false)
        #expect(alone[1] == 1800)  // three hours after the one before: a lead-in
        // A branch time after the squash commit: the export is not used for it.
        task.squashTimes = [3600, 14_400]
        let late = EffortEstimator().effort(commits, tasks: [task], marks: marks, squashTimelines: true)
        #expect(late[1] == 1800)
    }
}
