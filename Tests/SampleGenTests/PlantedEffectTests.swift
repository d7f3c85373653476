import Analysis
import Foundation
import Model
import Testing
@testable import SampleGen

@Suite("The method recovers planted effects across seeds")
struct PlantedEffectTests {
    /// The planted tasks of one seed with the estimator's effort. Writing the repository is
    /// skipped: its fast-import marks only break ties of equal times, as commit order does here.
    static func world(seed: UInt64) -> (tasks: [PlannedTask], effortHours: (PlannedTask) -> Double) {
        var simulation = TeamSimulation(seed: seed)
        simulation.run()
        let order = Dictionary(uniqueKeysWithValues: simulation.commits.indices.map { ($0, $0) })
        let effort = EffortEstimator().effort(
            simulation.commits, tasks: simulation.tasks, marks: order, squashTimelines: true)
        return (simulation.tasks, { task in Double(task.commits.reduce(Int64(0)) { $0 + (effort[$1] ?? 0) }) / 3600 })
    }

    @Test("over 20 seeds other than the sample's, the 95% intervals cover the planted ratio in at least 90% of cases")
    func coverage() throws {
        var cases = 0
        var covered = 0
        var widths: [Double] = []
        for seed in UInt64(2)...21 {
            let world = Self.world(seed: seed)
            var tasks: [WorkTask] = []
            for (index, task) in world.tasks.enumerated() where task.bot == nil {
                let kind = WorkKind.catalog[task.kind]
                guard let category = Model.Category(rawValue: kind.category) else { continue }
                tasks.append(
                    WorkTask(
                        id: "\(index)", repository: "/r", key: "\(index)", kind: .burst, title: "", author: "", branch: nil,
                        commits: [], category: category, ai: task.ai, effortHours: world.effortHours(task)))
            }
            let retro = RetroAnalysis(speedup: Speedup(resamples: 1000)).run(tasks, since: nil, until: nil)
            for figures in retro.categories {
                guard let low = figures.ratioLow, let high = figures.ratioHigh, let name = figures.category,
                    let planted = WorkKind.catalog.first(where: { $0.category == name })?.ratio
                else { continue }
                cases += 1
                if low <= planted && planted <= high { covered += 1 }
                widths.append(high - low)
            }
        }
        let share = Double(covered) / Double(max(cases, 1))
        let width = Statistics.median(widths) ?? 0
        print("planted ratio covered in \(covered) of \(cases) (seed, category) cases (\(Int(share * 100))%), median interval width \(String(format: "%.2f", width))")
        #expect(cases >= 200)
        #expect(share >= 0.90, "covered \(covered) of \(cases)")
        #expect(width < 1.0, "intervals that always cover by being huge are useless: median width \(width)")
    }
}
