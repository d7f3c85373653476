/// Writes `ReviewPlants`' tasks as a `git fast-import` stream on `main`: a baseline commit, then one
/// commit per task, six hours apart, AI-assisted ones with a `Co-Authored-By: Claude` trailer.
enum ReviewPlantsWriter {
    static let start: Int64 = 1_769_990_400  // 2026-02-02T00:00:00Z
    static let people = [("Dana Reyes", "dana@shop.example"), ("Omar Said", "omar@shop.example"), ("Lin Wu", "lin@shop.example")]

    static func stream(_ tasks: [ReviewPlants.PlannedTask], seed: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        var files: [String: [String]] = [:]
        func text(_ string: String) { out += Array(string.utf8) }
        func data(_ bytes: [UInt8]) {
            text("data \(bytes.count)\n")
            out += bytes
            text("\n")
        }
        func commit(_ mark: Int, author: (String, String), time: Int64, message: String, body: () -> Void) {
            text("commit refs/heads/main\nmark :\(mark)\n")
            text("author \(author.0) <\(author.1)> \(time) +0000\ncommitter \(author.0) <\(author.1)> \(time) +0000\n")
            data(Array(message.utf8))
            if mark > 1 { text("from :\(mark - 1)\n") }
            body()
            text("\n")
        }
        func write(_ path: String, _ file: ReviewPlantsFile) {
            switch file {
            case .text(let lines):
                files[path] = lines
                text("M 100644 inline \(path)\n")
                data(Array(lines.map { $0 + "\n" }.joined().utf8))
            case .bytes(let bytes):
                files[path] = nil
                text("M 100644 inline \(path)\n")
                data(bytes)
            case .submodule(let hash):
                text("M 160000 \(hash) \(path)\n")
            case .rename(let from):
                files[path] = files[from]
                files[from] = nil
                text("R \(from) \(path)\n")
            case .insert(let anchor, let inserted):
                var lines = files[path] ?? []
                let position = lines.firstIndex(of: anchor).map { $0 + 1 } ?? lines.count
                lines.insert(contentsOf: inserted, at: position)
                write(path, .text(lines))
            }
        }
        commit(1, author: people[0], time: start - 20 * 86_400, message: "SHOP-1: baseline\n") {
            for (path, file) in ReviewPlantsCatalog.baseline.sorted(by: { $0.key < $1.key }) { write(path, file) }
        }
        for (index, task) in tasks.enumerated() {
            let author = people[(index + Int(seed % 3)) % people.count]
            let trailer = task.ai ? "\nCo-Authored-By: Claude <noreply@anthropic.com>\n" : ""
            commit(index + 2, author: author, time: start + Int64(index) * 6 * 3_600, message: task.subject + "\n" + trailer) {
                for path in task.deletes {
                    files[path] = nil
                    text("D \(path)\n")
                }
                // Renames first, so that a file written after lands in the renamed place.
                let ordered = task.files.sorted { lhs, rhs in
                    func isRename(_ file: ReviewPlantsFile) -> Bool { if case .rename = file { return true } else { return false } }
                    return (isRename(lhs.value) ? 0 : 1, lhs.key) < (isRename(rhs.value) ? 0 : 1, rhs.key)
                }
                for (path, file) in ordered { write(path, file) }
            }
        }
        return out
    }
}
