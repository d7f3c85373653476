import Foundation
import Ingestion
import Model
import Storage
import Support

/// `MultiplierBench sessions PATH...` and `MultiplierBench make-sessions SOURCE OUT MEGABYTES`.
enum SessionBenchmark {
    /// Copies the JSONL logs under `source` into `output` until `megabytes` are written, each copy
    /// with its session ids, message ids and request ids renumbered so that nothing de-duplicates.
    static func make(source: String, output: String, megabytes: Int) throws -> String {
        let logs = SessionIngestor.entries(under: [source]).filter {
            $0.format.isIncremental && LogLineSource.compression(of: $0.path) == .none
        }
        guard !logs.isEmpty else { return "no JSONL logs under \(source)\n" }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        var written = 0
        var copy = 0
        while written < megabytes * 1_000_000 {
            for log in logs where written < megabytes * 1_000_000 {
                guard let text = try? String(contentsOfFile: log.path, encoding: .utf8) else { continue }
                let name = (log.path as NSString).lastPathComponent
                var renumbered = text.replacingOccurrences(of: "\"msg_", with: "\"msg_c\(copy)_")
                    .replacingOccurrences(of: "\"req_", with: "\"req_c\(copy)_")
                for id in sessionIDs(in: text) { renumbered = renumbered.replacingOccurrences(of: id, with: "c\(copy)-\(id)") }
                let folder = output + "/copy\(copy / 100)"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try renumbered.write(toFile: folder + "/c\(copy)-" + name, atomically: false, encoding: .utf8)
                written += renumbered.utf8.count
                copy += 1
            }
        }
        return "wrote \(copy) logs, \(written / 1_000_000) MB, into \(output)\n"
    }

    /// The session ids a log names (`"sessionId":"…"`, Codex `session_meta` ids).
    static func sessionIDs(in text: String) -> Set<String> {
        var ids: Set<String> = []
        for key in ["\"sessionId\":\"", "\"id\":\""] {
            var rest = text[...]
            while let range = rest.range(of: key) {
                let after = rest[range.upperBound...]
                guard let end = after.firstIndex(of: "\"") else { break }
                let id = String(after[..<end])
                if id.count == 36 && id.filter({ $0 == "-" }).count == 4 { ids.insert(id) }
                rest = after[end...]
            }
        }
        return ids
    }

    static func run(paths: [String]) throws -> String {
        let entries = SessionIngestor.entries(under: paths)
        let files = entries.map(\.path)
        var bytes = 0
        var records = 0
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            bytes += data.count
            records += data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        let environment = ProcessInfo.processInfo.environment
        func shell(_ script: String) throws -> Double {
            try Benchmark.seconds {
                let process = try StreamingProcess(
                    executable: "sh", arguments: ["-c", script, "sh"] + files, environment: environment)
                _ = try process.readAllOutput()
                try process.waitForSuccess()
            }
        }
        let cat = "cat \"$@\" > /dev/null"
        let pythonLoop =
            "python3 -c 'import json, sys\nfor p in sys.argv[1:]:\n  for l in open(p, \"rb\"):\n    try: json.loads(l)\n    except ValueError: pass' \"$@\""
        func parseAll() {
            // As ingest reads: a batch at a time, in parallel. The figure counts time, not results.
            for batch in SessionIngestor.batches(of: entries) {
                _ = SessionLogReader.read(batch.map { SessionLogReader.Request(path: $0.path, format: $0.format) })
            }
        }
        // Five rounds of the floor and the parse, taken in turn (a slow spell of a shared machine
        // then slows both alike), and three of the Python loop; each figure is a median.
        var floors: [Double] = []
        var parses: [Double] = []
        var pythons: [Double] = []
        for round in 0..<5 {
            floors.append(try shell(cat))
            parses.append(Benchmark.seconds(parseAll))
            if round % 2 == 0 { pythons.append(try shell(pythonLoop)) }
        }
        let floor = Benchmark.median(floors)
        let parse = Benchmark.median(parses)
        let python = Benchmark.median(pythons)
        let roundRatios = zip(parses, floors).map { $0 / max($1, 1e-9) }
        let directory = FileManager.default.temporaryDirectory.path + "/multiplier-bench-sessions-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }  // our own scratch folder
        let database = try Database(path: directory + "/bench.sqlite")
        var report: SessionIngestReport?
        // As `ingest sessions PATH` runs: finding and recognising the logs included.
        func ingestAll() throws -> SessionIngestReport {
            let known = try KnownFormats(store: SessionStore(database: database))
            return try SessionIngestor(database: database, environment: environment, keepPrompts: false)
                .ingest(SessionIngestor.entries(under: paths, known: known), repositories: [])
        }
        let ingest = try Benchmark.seconds { report = try ingestAll() }
        let again = try Benchmark.seconds { _ = try ingestAll() }
        let megabytes = Double(bytes) / 1e6
        func fixed(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
        func rate(_ seconds: Double) -> String {
            "\(fixed(megabytes / max(seconds, 1e-9), 1)) MB/s, \(fixed(Double(records) / max(seconds, 1e-9), 0)) records/s"
        }
        return """
            ## session-log ingestion — \(Timestamp.iso8601(Int64(Date().timeIntervalSince1970)))

            | figure | value |
            |---|---|
            | logs | \(files.count) files, \(fixed(megabytes, 1)) MB, \(records) lines, \(report?.newSessions ?? 0) sessions |
            | machine | \(ProcessInfo.processInfo.activeProcessorCount) cores |
            | floor: cat to /dev/null (median of 5) | \(fixed(floor)) s (\(rate(floor))) |
            | Python json.loads loop (median of 3) | \(fixed(python)) s (\(rate(python))) |
            | Multiplier, parse only (median of 5) | \(fixed(parse)) s (\(rate(parse))): \(fixed(python / max(parse, 1e-9), 1))× the Python loop, \(fixed(parse / max(floor, 1e-9), 1))× the floor (rounds: \(fixed(roundRatios.min() ?? 0, 1))–\(fixed(roundRatios.max() ?? 0, 1))×) |
            | Multiplier, ingest into a fresh database (finding the logs included) | \(fixed(ingest)) s (\(rate(ingest))): \(fixed(python / max(ingest, 1e-9), 1))× the Python loop |
            | second ingest, nothing new (finding the logs included) | \(fixed(again, 3)) s |


            """
    }
}
