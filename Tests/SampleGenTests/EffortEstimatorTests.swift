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
        let effort = EffortEstimator().effort(commits, tasks: [], marks: marks)
        #expect(effort[0] == 1800)
        #expect(effort[1] == 3600)
        #expect(effort[2] == 7200)
        #expect(effort[3] == 1800)
        #expect(effort[4] == nil)
    }
}
