import Analysis
import Foundation
import Model
import Rendering
import Support

/// `MultiplierBench report N`: a retrospective over N synthetic tasks (seeded, lognormal
/// efforts with planted ratios), timed from tasks in memory to text, Markdown, HTML and JSON.
enum ReportBenchmark {
    static func run(count: Int) throws -> String {
        var generator = SeededGenerator(seed: 7)
        let categories = Model.Category.allCases.filter { $0 != .unclassified }
        let tasks = (0..<count).map { index -> WorkTask in
            let category = categories[generator.index(below: categories.count)]
            let ai = generator.unit() < 0.5
            let u = max(generator.unit(), 1e-12)
            let v = generator.unit()
            let noise = exp(0.6 * (-2 * log(u)).squareRoot() * cos(2 * .pi * v))
            let effort = 4 * noise * (ai ? (category.zone == .strength ? 0.6 : 1.05) : 1)
            let lines = 20 + generator.index(below: 400)
            var task = WorkTask(
                id: String(index, radix: 16), repository: "/bench", key: "T-\(index)", kind: .issue, title: "task \(index)",
                author: "dev\(index % 12)", branch: nil, commits: [], category: category,
                confidence: generator.unit(), ai: ai, aiTools: ai ? ["claude-code"] : [], effortHours: effort,
                reworkHours: effort * generator.unit() * 0.2, activeSeconds: ai ? Int(effort * 900) : 0,
                start: 1_760_000_000 + Int64(index) * 300, end: 1_760_000_000 + Int64(index) * 300 + 7200,
                linesAdded: lines, linesDeleted: lines / 3, filesTouched: 1 + generator.index(below: 12),
                aiLinesAdded: ai ? lines : 0, churnedLines: generator.index(below: lines / 4 + 1))
            task.reviewRounds = generator.index(below: 4)
            return task
        }
        var sizes: [String: Int] = [:]
        var analysisSeconds = 0.0
        let seconds = try Benchmark.seconds {
            let start = DispatchTime.now().uptimeNanoseconds
            let retro = RetroAnalysis().run(tasks, since: nil, until: nil)
            analysisSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let document = ReportBuilders.retro(retro, scope: "benchmark")
            sizes["text"] = TextRenderer.render(document, width: 100).utf8.count
            sizes["markdown"] = MarkdownRenderer.render(document).utf8.count
            sizes["html"] = HTMLRenderer.render(document).utf8.count
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            sizes["json"] = try encoder.encode(retro).count
        }
        func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        let date = Timestamp.iso8601(Int64(Date().timeIntervalSince1970))
        return """
            ## retrospective report — \(date)

            | figure | value |
            |---|---|
            | tasks | \(count) synthetic (seeded; 14 categories, half AI-assisted) |
            | machine | \(ProcessInfo.processInfo.activeProcessorCount) cores |
            | analysis (speedup with 2,000-resample bootstraps per category and zone, end to end, review, churn, calibration) | \(fixed(analysisSeconds)) s |
            | analysis and rendering to text, Markdown, HTML and JSON | \(fixed(seconds)) s (goal: under 2 s) |
            | output sizes | \(sizes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value) bytes" }.joined(separator: ", ")) |


            """
    }
}
