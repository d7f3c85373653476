import Foundation

/// A long linear history with merges now and then, streamed as fast-import text in
/// constant memory, for benchmarking ingestion (70,000+ commits). Not committed.
struct LargeHistory {
    let commits: Int
    let seed: UInt64

    func write(to sink: (ArraySlice<UInt8>) -> Void) {
        var random = Random(seed: seed)
        let paths = (0..<3000).map { "src/module\($0 / 50)/file\($0 % 50).\(["c", "h", "swift", "py", "md"][$0 % 5])" }
        var files: [Int: [String]] = [:]
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func emit(_ text: String) { buffer += Array(text.utf8) }
        func flush() {
            sink(buffer[...])
            buffer.removeAll(keepingCapacity: true)
        }
        let people = ["Ann Lee", "Bo Chen", "Cy Diaz", "Di Eze", "Ed Fox", "Flo Gil", "Gus Hu", "Hal Ito"]
        var time: Int64 = 1_500_000_000
        var sideTip = 0
        var mainTip = 0
        for mark in 1...commits {
            time += Int64(random.int(60...9000))
            let person = random.pick(people)
            let email = person.lowercased().replacingOccurrences(of: " ", with: ".") + "@example.org"
            let merging = mark > 100 && mark % 97 == 0 && sideTip > 0
            let ref = (mark % 97 > 90 && mark > 100) ? "refs/heads/side" : "refs/heads/main"
            emit("commit \(ref)\nmark :\(mark)\nauthor \(person) <\(email)> \(time) +0100\ncommitter \(person) <\(email)> \(time) +0100\n")
            let message = merging ? "Merge branch 'side'\n" : "Change \(mark): update \(random.pick(["parser", "cache", "docs", "tests", "api"]))\n\nDetails of change \(mark).\n"
            emit("data \(message.utf8.count)\n\(message)")
            if ref == "refs/heads/side" && sideTip == 0 { emit("from :\(mainTip)\n") }
            if merging { emit("merge :\(sideTip)\n"); sideTip = 0 }
            if ref == "refs/heads/side" { sideTip = mark } else { mainTip = mark }
            let count = merging ? 0 : (random.chance(0.5) ? 1 : random.int(1...10))
            for _ in 0..<count {
                let index = random.int(0...(paths.count - 1))
                if random.chance(0.002) {
                    emit("M 100644 inline \(paths[index]).bin\ndata 6\n\u{0}\u{1}\u{2}\u{3}\u{4}\u{5}\n")
                    continue
                }
                var lines = files[index] ?? []
                lines.removeAll { _ in random.chance(0.08) }
                for _ in 0..<random.int(1...25) {
                    lines.insert("line \(random.int(0...999_999_999)) of \(index)\n", at: random.int(0...lines.count))
                }
                if lines.count > 120 { lines.removeFirst(lines.count - 120) }
                files[index] = lines
                let data = lines.joined()
                emit("M 100644 inline \(paths[index])\ndata \(data.utf8.count)\n\(data)\n")
            }
            emit("\n")
            if buffer.count > 1 << 20 { flush() }
        }
        flush()
    }
}
