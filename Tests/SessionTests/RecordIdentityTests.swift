import Foundation
@testable import Ingestion
import Model
import Support
import Testing

/// Every reader counts a record once (`SessionBuilder.beginRecord`), on the real samples: read with its own
/// records known, a log adds nothing; a JSONL log whose lines are all written twice gives what it gives once.
@Suite("Records known by their identity, on the real samples")
struct RecordIdentityTests {
    static func entries() throws -> [SessionLogEntry] {
        SessionIngestor.entries(under: [try SessionFixtures.path("")])
    }

    static func read(_ entry: SessionLogEntry, path: String? = nil, known: KnownRecords = KnownRecords()) throws
        -> SessionReadResult
    {
        try SessionLogReader.read(
            path: path ?? entry.path, format: entry.format, inputHistoryPath: entry.inputHistory, known: known)
    }

    @Test("a log read with its own records known counts no prompt, event or sub-agent again")
    func knownRecords() throws {
        let entries = try Self.entries()
        #expect(entries.count > 10)
        for entry in entries {
            let first = try Self.read(entry)
            guard !first.sessions.isEmpty else { continue }
            #expect(first.sessions.allSatisfy { !$0.records.isEmpty }, "\(entry.path)")
            let known = KnownRecords(
                Dictionary(first.sessions.map { ($0.id, Set($0.records)) }, uniquingKeysWith: { $0.union($1) }))
            for session in try Self.read(entry, known: known).sessions {
                #expect(session.prompts == 0, "\(entry.path) \(session.id)")
                #expect(session.eventTimes.isEmpty, "\(entry.path) \(session.id)")
                #expect(session.records.isEmpty, "\(entry.path) \(session.id)")
                #expect((session.workflow?.subagents ?? 0) == 0, "\(entry.path) \(session.id)")
                #expect(session.workflow?.correctionsAfterEdit ?? 0 == 0, "\(entry.path) \(session.id)")
            }
        }
    }

    @Test("a JSONL log with every line written twice gives the prompts, events, workflow and tokens of one")
    func doubled() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        var checked = 0
        for entry in try Self.entries() where entry.format.isIncremental && entry.path.hasSuffix(".jsonl") {
            let text = try String(contentsOfFile: entry.path, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count > 2 else { continue }
            // Each line twice in a row (a stream-json duplicate), in a file of the same name (names give ids).
            let doubled = lines.filter { !$0.isEmpty }.map { $0 + "\n" + $0 }.joined(separator: "\n") + "\n"
            let copy = try scratch.write(
                "\(checked)/" + (entry.path as NSString).lastPathComponent, doubled)
            let once = try Self.read(entry)
            let twice = try Self.read(entry, path: copy)
            #expect(twice.sessions.map(\.id) == once.sessions.map(\.id), "\(entry.path)")
            for (a, b) in zip(once.sessions, twice.sessions) {
                #expect(b.prompts == a.prompts, "\(entry.path) \(a.id)")
                #expect(b.eventTimes == a.eventTimes, "\(entry.path) \(a.id)")
                #expect(b.workflow == a.workflow, "\(entry.path) \(a.id)")
                #expect(b.records == a.records, "\(entry.path) \(a.id)")
                #expect(b.tokens == a.tokens, "\(entry.path) \(a.id)")
            }
            checked += 1
        }
        #expect(checked >= 8)
    }
}
