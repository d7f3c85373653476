import Foundation
import Model
import Support

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
        // Each task's row of the design: 1 in its α column, log files in γ, 1 in its β and δ
        // columns when it has them. Tasks with the same α, β and δ share every entry of X'X and X'y
        // but those of log files, so a fit sums per such group its count, Σ log files, Σ log files²,
        // Σ y and Σ log files · y (five additions a drawn task, not twenty), and the groups fill the
        // normal equations once. Plain arrays of numbers: the bootstrap's inner loop allocates nothing.
        var groupColumns: [(alpha: Int, beta: Int, delta: Int)] = []
        var groupIndex: [Int: Int] = [:]
        let groupOf = tasks.map { task -> Int in
            let columns = (alpha: alpha[task.category] ?? 0, beta: task.ai ? (beta[task.category] ?? -1) : -1, delta: delta[task.person] ?? -1)
            let key = (columns.alpha * (width + 1) + columns.beta + 1) * (width + 1) + columns.delta + 1
            if let index = groupIndex[key] { return index }
            groupIndex[key] = groupColumns.count
            groupColumns.append(columns)
            return groupColumns.count - 1
        }
        let groupColumnLists = groupColumns.map { [$0.alpha, $0.beta, $0.delta].filter { $0 >= 0 } }
        let logFiles = tasks.map { log(Double(max($0.files, 1))) }
        let logEffort = tasks.map { log($0.effort) }
        let efforts = tasks.map(\.effort)
        let isAI = tasks.map(\.ai)
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
        /// Fits the regression to the tasks `draw` hands out (in its order), and sums each reported
        /// category's AI and human effort.
        func fit(_ draw: ((Int) -> Void) -> Void) -> (system: NormalEquations, beta: [Double], sumAI: [Double], sumHuman: [Double]) {
            var sums = [Double](repeating: 0, count: groupColumns.count * 5)
            var sumAI = [Double](repeating: 0, count: reported.count)
            var sumHuman = [Double](repeating: 0, count: reported.count)
            // Through buffers: the inner loop runs tasks × resamples times (20 million at 100,000 tasks).
            sums.withUnsafeMutableBufferPointer { sums in
                sumAI.withUnsafeMutableBufferPointer { sumAI in
                    sumHuman.withUnsafeMutableBufferPointer { sumHuman in
                        draw { index in
                            let base = groupOf[index] * 5
                            let files = logFiles[index]
                            let y = logEffort[index]
                            sums[base] += 1
                            sums[base + 1] += files
                            sums[base + 2] += files * files
                            sums[base + 3] += y
                            sums[base + 4] += files * y
                            if let position = slots[index] {
                                if isAI[index] { sumAI[position] += efforts[index] } else { sumHuman[position] += efforts[index] }
                            }
                        }
                    }
                }
            }
            var system = NormalEquations(width: width)
            for (group, columns) in groupColumnLists.enumerated() {
                system.add(
                    columns: columns, gamma: gamma,
                    sums: (sums[group * 5], sums[group * 5 + 1], sums[group * 5 + 2], sums[group * 5 + 3], sums[group * 5 + 4]))
            }
            let solution = system.solve()
            return (system, reported.map { beta[$0].map { solution[$0] } ?? 0 }, sumAI, sumHuman)
        }

        let point = fit { add in for index in tasks.indices { add(index) } }
        // A category whose AI term every other term together already explains has no adjusted
        // ratio: the regression cannot tell AI from person there, and the figure would be the
        // ridge's artefact. Within one category (each person's tasks in it all AI or all human), or
        // across them: one person did every AI task, of every category, and no human one, so that
        // the AI terms add up to that person's.
        let whole = point.system
        let betaColumns = mixed.compactMap { beta[$0] }
        let others = (0..<width).filter { !betaColumns.contains($0) }
        let residuals = whole.residualsGivenTheRest(given: others, tested: betaColumns)
        let identified = Set(
            reported.filter { category in
                guard let column = beta[category], let position = betaColumns.firstIndex(of: column) else { return false }
                return residuals[position] > 1e-6 * whole.matrix[column * width + column]
            })
        // Each resample takes exactly one draw per task, so resample r starts r × tasks draws into
        // the seed's sequence: the resamples run on every core and give the serial loop's figures.
        let seed = seed ^ 0xA5A5_5A5A_C3C3_3C3C
        let draws = Parallel.map(Array(0..<count), minimumPerChunk: 1) { resample in
            var generator = SeededGenerator(seed: seed, skipping: resample * tasks.count)
            let fitted = fit { add in
                for cell in order {
                    for _ in cell.indices { add(cell[generator.index(below: cell.count)]) }
                }
            }
            return (beta: fitted.beta, sumAI: fitted.sumAI, sumHuman: fitted.sumHuman)
        }
        let betas = draws.map(\.beta)
        let sumsAI = draws.map(\.sumAI)
        let sumsHuman = draws.map(\.sumHuman)
        var result: [Category: Draws] = [:]
        for (position, category) in reported.enumerated() where identified.contains(category) {
            // Mean logs are β and 0: the ratio, and every weighted sum, take exp(β) as the category's ratio.
            result[category] = Draws(
                meanLogAI: betas.map { $0[position] }, meanLogHuman: [Double](repeating: 0, count: count),
                sumAI: sumsAI.map { $0[position] }, sumHuman: sumsHuman.map { $0[position] },
                point: (point.beta[position], 0, point.sumAI[position], point.sumHuman[position]))
        }
        return result
    }

    /// X'X and X'y accumulated by groups of tasks with the same columns, solved by Cholesky with a
    /// tiny ridge, so that a column a resample left empty (a person none of whose tasks was drawn)
    /// gets 0, not a failure.
    struct NormalEquations {
        let width: Int
        var matrix: [Double]
        var vector: [Double]

        init(width: Int) {
            self.width = width
            matrix = [Double](repeating: 0, count: width * width)
            vector = [Double](repeating: 0, count: width)
        }

        /// Adds a group of rows with 1 in `columns`, log files in `gamma`, and the same other
        /// columns: `sums` holds the group's row count, Σ log files, Σ log files², Σ y and Σ log files · y.
        mutating func add(columns: [Int], gamma: Int, sums: (count: Double, files: Double, files2: Double, y: Double, filesY: Double)) {
            guard sums.count > 0 else { return }
            for first in columns {
                vector[first] += sums.y
                matrix[first * width + gamma] += sums.files
                matrix[gamma * width + first] += sums.files
                for second in columns { matrix[first * width + second] += sums.count }
            }
            vector[gamma] += sums.filesY
            matrix[gamma * width + gamma] += sums.files2
        }

        /// For each column of `tested`, what of it every other column of `given` and `tested` leaves
        /// unexplained: 0 for a column the others determine together. The `given` block is factored
        /// once; each tested column's figure is then the last Cholesky pivot of what `given` leaves of
        /// the tested block (its Schur complement), with that column ordered last.
        func residualsGivenTheRest(given: [Int], tested: [Int]) -> [Double] {
            let g = given.count
            let order = given + tested
            // Rows of the Cholesky factor of the whole order, in its first g columns.
            var lower = [Double](repeating: 0, count: order.count * g)
            for j in 0..<g {
                for i in j..<order.count {
                    var sum = matrix[order[i] * width + order[j]]
                    for k in 0..<j { sum -= lower[i * g + k] * lower[j * g + k] }
                    if i == j {
                        lower[i * g + i] = sum > 1e-9 ? sum.squareRoot() : 0
                    } else {
                        lower[i * g + j] = lower[j * g + j] > 0 ? sum / lower[j * g + j] : 0
                    }
                }
            }
            let t = tested.count
            var rest = [Double](repeating: 0, count: t * t)
            for a in 0..<t {
                for b in 0..<t {
                    var sum = matrix[tested[a] * width + tested[b]]
                    for k in 0..<g { sum -= lower[(g + a) * g + k] * lower[(g + b) * g + k] }
                    rest[a * t + b] = sum
                }
            }
            return (0..<t).map { column in
                Self.pivots(rest, width: t, order: (0..<t).filter { $0 != column } + [column]).last ?? 0
            }
        }

        /// For each column of `order`, in that order, what of it the columns before it leave
        /// unexplained (the Cholesky pivot squared of the symmetric `matrix` with its columns so
        /// ordered): 0 for a column the ones before it determine.
        static func pivots(_ matrix: [Double], width: Int, order: [Int]) -> [Double] {
            let n = order.count
            var lower = [Double](repeating: 0, count: n * n)
            var residuals = [Double](repeating: 0, count: n)
            for i in 0..<n {
                for j in 0...i {
                    var sum = matrix[order[i] * width + order[j]]
                    for k in 0..<j { sum -= lower[i * n + k] * lower[j * n + k] }
                    if i == j {
                        residuals[i] = max(sum, 0)
                        lower[i * n + i] = sum > 1e-9 ? sum.squareRoot() : 0
                    } else {
                        lower[i * n + j] = lower[j * n + j] > 0 ? sum / lower[j * n + j] : 0
                    }
                }
            }
            return residuals
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
