import Analysis
import Foundation
import Model
import Support

/// `MultiplierBench plan TASKS`: 10,000 Monte Carlo runs over a synthetic backlog of TASKS
/// tasks, with a synthetic 2,000-task history behind the distributions.
enum PlanBenchmark {
    static func run(count: Int) throws -> String {
        var generator = SeededGenerator(seed: 11)
        let categories = Model.Category.allCases.filter { $0 != .unclassified }
        let history = (0..<2000).map { index -> WorkTask in
            let category = categories[generator.index(below: categories.count)]
            let ai = generator.unit() < 0.5
            let effort = 1 + 8 * generator.unit()
            var task = WorkTask(
                id: "\(index)", repository: "/bench", key: "T-\(index)", kind: .issue, title: "", author: "a", branch: nil,
                commits: [], category: category, ai: ai, effortHours: ai && category.zone == .strength ? effort * 0.6 : effort,
                reworkHours: effort * 0.1 * generator.unit(), end: 1_760_000_000 + Int64(index) * 3600)
            task.estimateHours = effort * (0.6 + 0.8 * generator.unit())
            task.reviewRounds = generator.index(below: 3)
            return task
        }
        let backlog = (0..<count).map { index in
            BacklogItem(
                id: "B-\(index)", title: "", category: categories[generator.index(below: categories.count)], classified: false,
                estimateHours: 1 + 10 * generator.unit(), ai: generator.unit() < 0.5 ? .yes : .auto)
        }
        var modelSeconds = 0.0
        var forecast: Forecast?
        let seconds = Benchmark.seconds {
            let start = DispatchTime.now().uptimeNanoseconds
            let model = ForecastModel(history: history)
            modelSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            forecast = model.run(backlog, capacity: 120, capacitySource: "benchmark", runs: 10_000, seed: 1)
        }
        func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        let date = Timestamp.iso8601(Int64(Date().timeIntervalSince1970))
        return """
            ## plan forecast — \(date)

            | figure | value |
            |---|---|
            | backlog | \(count) synthetic tasks; history of 2,000 synthetic tasks |
            | machine | \(ProcessInfo.processInfo.activeProcessorCount) cores |
            | building the distributions from history | \(fixed(modelSeconds)) s |
            | model and 10,000 Monte Carlo runs | \(fixed(seconds)) s (goal: under 1 s) |
            | P50 / P80 / P95 hours with AI | \(fixed(forecast?.withAI.p50Hours ?? 0, 0)) / \(fixed(forecast?.withAI.p80Hours ?? 0, 0)) / \(fixed(forecast?.withAI.p95Hours ?? 0, 0)) |


            """
    }
}
