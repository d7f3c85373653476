import Foundation
import Model

/// The adjusted speedup (METHOD.md, Speedup): one regression over all tasks of
///
///     log effort = α[category] + β[category]·AI + γ·log files touched + δ[person] + error
///
/// so that each category's ratio exp(β) compares AI and human work of the same size, done by the
/// same person. Its interval is a bootstrap that resamples tasks within each (category, AI) cell
/// (the cells keep their counts, as `draws` keeps each side's), refitting the whole regression
/// each time with a fixed seed. The results come back as `Draws` whose mean-log difference is β,
/// so the ratio, zone and end-to-end sums are computed exactly as for the raw ratio.
extension Speedup {
    /// What the regression needs of one task.
    package struct AdjustedTask: Sendable {
        package var effort: Double
        package var category: Category
        package var ai: Bool
        package var person: String
        package var files: Int

        package init(effort: Double, category: Category, ai: Bool, person: String, files: Int) {
            self.effort = effort
            self.category = category
            self.ai = ai
            self.person = person
            self.files = files
        }
    }

    /// Row visits (tasks × resamples) the adjusted bootstrap spends at most: above about 2,000
    /// tasks it takes fewer resamples (never below 200), so a 100,000-task retro stays quick.
    static let adjustedBudget = 4_000_000

    /// The adjusted draws of every category with at least 5 AI and 5 human tasks of positive
    /// effort (the others enter the regression but get no figure); empty when none has.
    package func adjustedDraws(_ all: [AdjustedTask]) -> [Category: Draws] {
        let tasks = all.filter { $0.effort > 0 }
        let categories = Array(Set(tasks.map(\.category))).sorted { $0.rawValue < $1.rawValue }
        let people = Array(Set(tasks.map(\.person))).sorted()
        var counts: [Category: (ai: Int, human: Int)] = [:]
        for task in tasks { counts[task.category, default: (0, 0)].ai += task.ai ? 1 : 0 }
        for task in tasks { counts[task.category, default: (0, 0)].human += task.ai ? 0 : 1 }
        let reported = categories.filter { (counts[$0]?.ai ?? 0) >= Self.minimumTasks && (counts[$0]?.human ?? 0) >= Self.minimumTasks }
        guard !reported.isEmpty else { return [:] }
        // Columns: α per category, β per category with both AI and human tasks, γ, δ per person but the first.
        let alpha = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($0.element, $0.offset) })
        let mixed = categories.filter { (counts[$0]?.ai ?? 0) > 0 && (counts[$0]?.human ?? 0) > 0 }
        let beta = Dictionary(uniqueKeysWithValues: mixed.enumerated().map { ($0.element, categories.count + $0.offset) })
        let gamma = categories.count + mixed.count
        let delta = Dictionary(uniqueKeysWithValues: people.dropFirst().enumerated().map { ($0.element, gamma + 1 + $0.offset) })
        let width = gamma + 1 + delta.count
        let rows = tasks.map { task -> Row in
            var columns = [alpha[task.category] ?? 0, gamma]
            if task.ai, let column = beta[task.category] { columns.append(column) }
            if let column = delta[task.person] { columns.append(column) }
            let values = columns.map { $0 == gamma ? log(Double(max(task.files, 1))) : 1 }
            return Row(columns: columns, values: values, y: log(task.effort), effort: task.effort)
        }
        // Cells (category, AI) in a fixed order, each resampled with its own size.
        var cells: [[Int]] = []
        var cellOf: [String: Int] = [:]
        for (index, task) in tasks.enumerated() {
            let name = task.category.rawValue + (task.ai ? "/ai" : "/human")
            if cellOf[name] == nil {
                cellOf[name] = cells.count
                cells.append([])
            }
            cells[cellOf[name] ?? 0].append(index)
        }
        let order = cellOf.keys.sorted().compactMap { cellOf[$0] }.map { cells[$0] }
        let count = min(resamples, max(200, Self.adjustedBudget / max(tasks.count, 1)))

        let slot = Dictionary(uniqueKeysWithValues: reported.enumerated().map { ($0.element, $0.offset) })
        let slots = tasks.map { slot[$0.category] }
        func fit(_ indices: [Int]) -> (beta: [Double], sumAI: [Double], sumHuman: [Double]) {
            var system = NormalEquations(width: width)
            var sumAI = [Double](repeating: 0, count: reported.count)
            var sumHuman = [Double](repeating: 0, count: reported.count)
            for index in indices {
                system.add(rows[index])
                if let position = slots[index] {
                    if tasks[index].ai { sumAI[position] += rows[index].effort } else { sumHuman[position] += rows[index].effort }
                }
            }
            let solution = system.solve()
            return (reported.map { beta[$0].map { solution[$0] } ?? 0 }, sumAI, sumHuman)
        }

        let point = fit(Array(tasks.indices))
        var generator = SeededGenerator(seed: seed ^ 0xA5A5_5A5A_C3C3_3C3C)
        var betas: [[Double]] = []
        var sumsAI: [[Double]] = []
        var sumsHuman: [[Double]] = []
        for _ in 0..<count {
            var indices: [Int] = []
            indices.reserveCapacity(tasks.count)
            for cell in order {
                for _ in cell.indices { indices.append(cell[generator.index(below: cell.count)]) }
            }
            let draw = fit(indices)
            betas.append(draw.beta)
            sumsAI.append(draw.sumAI)
            sumsHuman.append(draw.sumHuman)
        }
        var result: [Category: Draws] = [:]
        for (position, category) in reported.enumerated() {
            // Mean logs are β and 0: the ratio, and every weighted sum, take exp(β) as the category's ratio.
            result[category] = Draws(
                meanLogAI: betas.map { $0[position] }, meanLogHuman: [Double](repeating: 0, count: count),
                sumAI: sumsAI.map { $0[position] }, sumHuman: sumsHuman.map { $0[position] },
                point: (point.beta[position], 0, point.sumAI[position], point.sumHuman[position]))
        }
        return result
    }

    /// One task's row of the design: its non-zero columns and their values.
    struct Row: Sendable {
        var columns: [Int]
        var values: [Double]
        var y: Double
        var effort: Double
    }

    /// X'X and X'y accumulated row by row, solved by Cholesky with a tiny ridge, so that a
    /// column a resample left empty (a person none of whose tasks was drawn) gets 0, not a failure.
    struct NormalEquations {
        let width: Int
        var matrix: [Double]
        var vector: [Double]

        init(width: Int) {
            self.width = width
            matrix = [Double](repeating: 0, count: width * width)
            vector = [Double](repeating: 0, count: width)
        }

        mutating func add(_ row: Row) {
            for (a, column) in row.columns.enumerated() {
                vector[column] += row.values[a] * row.y
                for (b, other) in row.columns.enumerated() { matrix[column * width + other] += row.values[a] * row.values[b] }
            }
        }

        /// The least-squares coefficients (ridge 1e-9 on the diagonal).
        func solve() -> [Double] {
            let n = width
            var lower = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                for j in 0...i {
                    var sum = matrix[i * n + j] + (i == j ? 1e-9 : 0)
                    for k in 0..<j { sum -= lower[i * n + k] * lower[j * n + k] }
                    if i == j {
                        lower[i * n + i] = sum > 1e-12 ? sum.squareRoot() : 0
                    } else {
                        lower[i * n + j] = lower[j * n + j] > 0 ? sum / lower[j * n + j] : 0
                    }
                }
            }
            var forward = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var sum = vector[i]
                for k in 0..<i { sum -= lower[i * n + k] * forward[k] }
                forward[i] = lower[i * n + i] > 0 ? sum / lower[i * n + i] : 0
            }
            var solution = [Double](repeating: 0, count: n)
            for i in stride(from: n - 1, through: 0, by: -1) {
                var sum = forward[i]
                for k in (i + 1)..<n { sum -= lower[k * n + i] * solution[k] }
                solution[i] = lower[i * n + i] > 0 ? sum / lower[i * n + i] : 0
            }
            return solution
        }
    }
}
