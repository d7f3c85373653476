/// A long history for benchmarking ingestion (70,000+ commits): a tree of about 3,000
/// files, commits touching 1–10 files (now and then 30–60), renames, binaries, and a
/// topic branch merged every few dozen commits. Streamed as fast-import text in constant
/// memory; files stay short so 70,000 commits stay well under 500 MB. Not committed.
struct LargeHistoryWriter {
    let commits: Int
    private var random: SplitMix64
    private var paths: [String] = []
    private var files: [[String]] = []
    private var buffer: [UInt8] = []
    private var counter = 0

    init(commits: Int, seed: UInt64) {
        self.commits = commits
        random = SplitMix64(seed: seed ^ 0x4C41_5247_45)
    }

    static let people: [(name: String, email: String, offset: Int)] = (0..<40).map { index in
        let first = ["Ana", "Ben", "Chen", "Dina", "Emre", "Femi", "Gita", "Hugo", "Ines", "Jon"][index % 10]
        let last = ["Silva", "Meyer", "Wang", "Haddad"][index / 10]
        return ("\(first) \(last)", "\(first.lowercased()).\(last.lowercased())@large.example", [-480, -300, 0, 60, 120, 330, 540, -180][index % 8])
    }

    mutating func write(to sink: (ArraySlice<UInt8>) -> Void) {
        buffer.reserveCapacity(1 << 21)
        let extensions = ["ts", "ts", "ts", "json", "md", "sql", "yml", "swift", "py", "go"]
        for index in 0..<3000 {
            paths.append("pkg\(index / 150)/mod\(index / 25 % 6)/file\(index).\(extensions[index % extensions.count])")
            files.append([])
        }
        var time: Int64 = 1_546_300_800  // 2019-01-01
        var mainMark = 0
        var topicMark = 0
        var topicPaths: Set<Int> = []
        var topicLeft = 0
        for mark in 1...commits {
            time += random.seconds(30...2400)
            let person = Self.people[random.int(0...(Self.people.count - 1))]
            let signature = "\(person.name) <\(person.email)> \(time) \(Format.gitOffset(person.offset))"
            let merging = topicMark > 0 && topicLeft == 0
            let onTopic = !merging && topicLeft > 0
            emit("commit refs/heads/\(onTopic ? "topic" : "main")\nmark :\(mark)\nauthor \(signature)\ncommitter \(signature)\n")
            let message =
                merging
                ? "Merge branch 'topic'\n"
                : "\(random.pick(["Fix", "Add", "Update", "Refactor", "Remove"])) \(random.pick(["parser", "cache", "docs", "tests", "api", "config"])) (\(mark))\n\nDetails of change \(mark).\n"
            emit("data \(message.utf8.count)\n\(message)")
            if onTopic {
                emit("from :\(topicMark == 0 ? mainMark : topicMark)\n")
                topicMark = mark
                topicLeft -= 1
            } else if mainMark > 0 {
                emit("from :\(mainMark)\n")
            }
            if merging {
                emit("merge :\(topicMark)\n")
                for path in topicPaths.sorted() { modifyCommand(path) }
                topicPaths = []
                topicMark = 0
                mainMark = mark
                emit("\n")
                continue
            }
            if !onTopic {
                mainMark = mark
                if mark > 20 && random.chance(0.02) { topicLeft = random.int(2...8) }
            }
            let count = random.chance(0.005) ? random.int(30...60) : (random.chance(0.55) ? 1 : random.int(2...10))
            for _ in 0..<count {
                let index = random.int(0...(paths.count - 1))
                if onTopic { topicPaths.insert(index) }
                if !onTopic && topicMark == 0 && !files[index].isEmpty && random.chance(0.004) {
                    let old = paths[index]
                    paths[index] = old.replacingOccurrences(of: "/file", with: "/renamed\(mark)_file")
                    emit("R \(old) \(paths[index])\n")
                }
                if random.chance(0.003) {
                    let size = random.int(64...2048)
                    emit("M 100644 inline \(paths[index]).bin\ndata \(size)\n")
                    for _ in 0..<size { buffer.append(UInt8(truncatingIfNeeded: random.next())) }
                    emit("\n")
                    continue
                }
                var lines = files[index]
                let deletions = lines.isEmpty ? 0 : random.int(0...min(lines.count, 6))
                for _ in 0..<deletions { lines.remove(at: random.int(0...(lines.count - 1))) }
                var at = random.int(0...lines.count)
                for _ in 0..<random.int(1...14) {
                    counter += 1
                    lines.insert("let value\(counter) = compute(\(counter % 97), \"\(paths[index].count)\")\n", at: at)
                    at += 1
                }
                if lines.count > 40 { lines.removeFirst(lines.count - 40) }
                files[index] = lines
                modifyCommand(index)
            }
            emit("\n")
            if buffer.count > 1 << 20 {
                sink(buffer[...])
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if mainMark > 0 { emit("reset refs/heads/main\nfrom :\(mainMark)\n\n") }
        sink(buffer[...])
        buffer.removeAll()
    }

    private mutating func modifyCommand(_ index: Int) {
        let content = files[index].joined()
        emit("M 100644 inline \(paths[index])\ndata \(content.utf8.count)\n")
        emit(content)
        emit("\n")
    }

    private mutating func emit(_ text: String) { buffer.append(contentsOf: text.utf8) }
}
