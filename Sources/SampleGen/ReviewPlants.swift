/// `SampleGen --review-plants`: a small separate world for `multiplier review` — a history whose
/// AI-assisted and human tasks carry planted findings of every check, and near misses that must
/// not fire, with the truth beside it (`review-truth.json`). The demo sample is not touched.
struct ReviewPlants {
    /// One planted finding: the rule that must fire on this task, in this file (nil: the task as a whole).
    struct Expected: Equatable {
        var rule: String
        var file: String?
    }

    /// One task of the world: its key, whether AI-assisted, what it changes, what must and must not fire.
    struct PlannedTask {
        var key: String
        var ai: Bool
        var files: [String: ReviewPlantsFile]
        var deletes: [String] = []
        var planted: [Expected] = []
        var nearMisses: [Expected] = []
        var subject: String
    }

    let seed: UInt64
    /// Every recipe is planted this many times in AI tasks and once in a human task.
    var aiCopies = 2

    /// The fast-import stream and the truth (JSON).
    func generate() -> (stream: [UInt8], truth: String, tasks: [PlannedTask]) {
        var random = SplitMix64(seed: seed).derived(77)
        var tasks: [PlannedTask] = []
        var number = 100
        func key() -> String {
            number += 1
            return "SHOP-\(number)"
        }
        for recipe in ReviewPlantsCatalog.hits + ReviewPlantsCatalog.nearMisses {
            for copy in 0...aiCopies {
                let ai = copy < aiCopies
                let variant = number + 1
                var task = recipe(variant)
                task.key = key()
                task.ai = ai
                task.subject = "\(task.key): \(task.subject)"
                tasks.append(task)
            }
        }
        // Churn: an AI task whose new file a later task deletes within days (and a near miss: a few lines only).
        for copy in 0..<(aiCopies + 1) {
            let churned = copy < aiCopies
            var added = PlannedTask(
                key: key(), ai: true, files: [:], planted: churned ? [Expected(rule: "churn", file: nil)] : [],
                nearMisses: churned ? [] : [Expected(rule: "churn", file: nil)], subject: "experimental cache")
            added.subject = "\(added.key): \(added.subject)"
            let path = "src/cache/experiment_\(number).py"
            let lines = ReviewPlantsCatalog.filler(number, lines: 40)
            added.files[path] = .text(lines)
            tasks.append(added)
            var removal = PlannedTask(key: key(), ai: false, files: [:], subject: "remove experiment")
            removal.subject = "\(removal.key): \(removal.subject)"
            if churned {
                removal.deletes = [path]
            } else {
                removal.files[path] = .text(Array(lines.dropLast(4)))
            }
            tasks.append(removal)
        }
        // A commit with binary files, a huge file, non-UTF-8 bytes, a submodule, a deletion and a rename
        // beside a planted finding: the finding must still be found.
        var awkward = PlannedTask(
            key: key(), ai: true, files: [:], deletes: ["docs/old-notes.md"],
            planted: [Expected(rule: "sql-interpolation", file: "src/reports/awkward.py")], subject: "import legacy assets")
        awkward.subject = "\(awkward.key): \(awkward.subject)"
        awkward.files["assets/logo.png"] = .bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0xFF, 0xFE])
        awkward.files["data/huge.csv"] = .text((1...6_000).map { "row,\($0),\($0 * 7)" })
        awkward.files["src/legacy/latin1.py"] = .bytes(Array("NAME = '".utf8) + [0xE9, 0xE8, 0xFF] + Array("'\n".utf8))
        awkward.files["vendor/lib"] = .submodule("0123456789abcdef0123456789abcdef01234567")
        awkward.files["src/reports/awkward.py"] = .text([
            "def report(cur, region):", "    return cur.execute(f\"SELECT total FROM sales WHERE region = '{region}'\")",
        ])
        awkward.files["src/legacy/renamed.py"] = .rename(from: "src/legacy/original.py")
        tasks.append(awkward)
        tasks = shuffled(tasks, &random)
        return (ReviewPlantsWriter.stream(tasks, seed: seed), truth(tasks), tasks)
    }

    private func shuffled(_ tasks: [PlannedTask], _ random: inout SplitMix64) -> [PlannedTask] {
        // Keep each churn pair in order: shuffle only the order of pairs and single tasks.
        var groups: [[PlannedTask]] = []
        var index = 0
        while index < tasks.count {
            if index + 1 < tasks.count, tasks[index + 1].subject.hasSuffix("remove experiment") {
                groups.append([tasks[index], tasks[index + 1]])
                index += 2
            } else {
                groups.append([tasks[index]])
                index += 1
            }
        }
        for position in stride(from: groups.count - 1, to: 0, by: -1) {
            groups.swapAt(position, random.int(0...position))
        }
        return groups.flatMap { $0 }
    }

    private func truth(_ tasks: [PlannedTask]) -> String {
        func list(_ expected: [Expected]) -> JSONValue {
            .array(expected.map { .object([("file", .optional($0.file)), ("rule", .string($0.rule))]) })
        }
        let entries = tasks.map { task in
            JSONValue.object([
                ("ai", .bool(task.ai)), ("key", .string(task.key)), ("nearMisses", list(task.nearMisses)), ("planted", list(task.planted)),
            ])
        }
        return JSONValue.object([("seed", .string(String(seed))), ("tasks", .array(entries))]).pretty() + "\n"
    }
}

/// What a planted task writes to one path.
enum ReviewPlantsFile {
    case text([String])
    case bytes([UInt8])
    case submodule(String)
    case rename(from: String)
    /// Lines inserted after the first line equal to `after` (at the end when there is none).
    case insert(after: String, [String])
}
