import Foundation
import Support
import TestSupport
import Testing

/// Reports as a reader meets them: every report on databases with nothing, only human work,
/// only AI work and the sample team; no sentence with a placeholder where a figure belongs;
/// text that fits the terminal.
@Suite("Reports read well with missing figures and fit the terminal")
struct ReportReadingTests {
    /// Every report a reader can ask for, in the formats that carry sentences (Markdown for the
    /// reports: table rows start with `|`, everything else is prose), plus JSON for nan/inf.
    static func reports(backlog: String, capacity: [String]) -> [(name: String, arguments: [String])] {
        var reports: [(String, [String])] = []
        for format in ["markdown", "text", "json", "html"] {
            reports.append(("weekly \(format)", ["report", "weekly", "--week", "2026-W46", "--format", format]))
            reports.append(("retro \(format)", ["report", "retro", "--format", format]))
            reports.append(("practices \(format)", ["report", "practices", "--format", format]))
            reports.append(("plan \(format)", ["plan", backlog, "--format", format] + capacity))
            reports.append(("backtest \(format)", ["plan", "--backtest", "--format", format]))
        }
        for format in ["text", "json"] {
            reports.append(("tasks \(format)", ["tasks", "--format", format]))
            reports.append(("sessions \(format)", ["sessions", "--format", format]))
            reports.append(("status \(format)", ["status", "--format", format]))
            reports.append(("people \(format)", ["people", "--format", format]))
        }
        return reports
    }

    /// What a sentence must not hold: a lone dash, `nan`, `inf`, where a figure belongs.
    static func placeholders(in sentence: String) -> [String] {
        var found: [String] = []
        let words = sentence.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" })
        for word in words {
            let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:%"))
            if bare == "-" || bare == "–" { found.append(String(word)) }
            if ["nan", "-nan", "inf", "-inf", "infinity"].contains(bare.lowercased()) { found.append(String(word)) }
        }
        return found
    }

    /// The prose lines of a Markdown report: not table rows, list markers removed.
    static func sentences(markdown: String) -> [String] {
        markdown.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("|") }.map { line in
            line.hasPrefix("- ") ? String(line.dropFirst(2)) : line
        }
    }

    /// A repository of a few weeks' work by two people: `ai` marks every commit as Claude Code's.
    static func repository(ai: Bool, label: String) throws -> ScriptedRepository {
        let repository = try ScriptedRepository(label)
        let trailer = ai ? "\n\nCo-Authored-By: Claude <noreply@anthropic.com>" : ""
        let kinds = [
            ("db/migrations/%03d_orders.sql", "CREATE TABLE t%d (id int);\n", "add migration %d"),
            ("src/api/orders_%d.ts", "export const handler%d = () => %d\n", "orders endpoint %d"),
            ("tests/orders_%d.test.ts", "test('t%d', () => %d)\n", "test orders %d"),
            ("src/auth/session_%d.ts", "export const session%d = %d\n", "harden session %d"),
        ]
        for index in 0..<24 {
            let (path, contents, subject) = kinds[index % kinds.count]
            let day = 2 + index  // 2026-11-02 (a Monday) onwards, one task a day
            let date = String(format: "2026-%02d-%02dT%02d:00:00+0000", day > 30 ? 12 : 11, day > 30 ? day - 30 : day, 9 + index % 5)
            try repository.write(String(format: path, index), String(format: contents, index, index))
            try repository.commit(
                "ABC-\(index + 1): " + String(format: subject, index) + trailer,
                author: index % 2 == 0 ? "Alice Example" : "Bob Example",
                email: index % 2 == 0 ? "alice@example.com" : "bob@example.com", date: date)
        }
        return repository
    }

    @Test("every report on an empty, an only-human, an only-AI and the sample team's database: no placeholder in a sentence")
    func missingFigures() throws {
        let work = try TemporaryDirectory("reading")
        defer { work.remove() }
        let backlog = work.path + "/backlog.csv"
        try work.write(
            "backlog.csv",
            "id,title,category,estimate_hours,ai\nB-1,Add orders endpoint,crud,4,auto\nB-2,Harden login,security,6,yes\nB-3,Write docs,,2,no\n")
        let human = try Self.repository(ai: false, label: "reading-human")
        defer { human.remove() }
        let ai = try Self.repository(ai: true, label: "reading-ai")
        defer { ai.remove() }
        var databases = [("empty", work.path + "/empty.sqlite"), ("human only", work.path + "/human.sqlite"), ("AI only", work.path + "/ai.sqlite")]
        // An empty database is one that exists (reading commands refuse a path with none).
        try FileManager.default.createDirectory(atPath: work.path + "/no-logs", withIntermediateDirectories: true)
        #expect(try CLIRunner.run(["ingest", "sessions", work.path + "/no-logs", "--db", databases[0].1]).status == 0)
        #expect(try CLIRunner.run(["ingest", "git", human.path, "--db", databases[1].1]).status == 0)
        #expect(try CLIRunner.run(["ingest", "git", ai.path, "--db", databases[2].1]).status == 0)
        databases.append(("sample team", try SampleTeam.get().database))

        for (label, database) in databases {
            // Without history there is no capacity to take: the plan says so and asks for one.
            let capacity = label == "sample team" ? [String]() : ["--capacity", "40"]
            if label == "empty" {
                let refused = try CLIRunner.run(["plan", backlog, "--db", database])
                #expect(refused.status == 64 && refused.stderr.contains("--capacity HOURS"), "\(refused.stderr)")
            }
            for (name, arguments) in Self.reports(backlog: backlog, capacity: capacity) {
                let result = try CLIRunner.run(arguments + ["--db", database])
                #expect(result.status == 0, "\(label), \(name): \(result.stderr)")
                #expect(!result.stdout.isEmpty, "\(label), \(name): printed nothing")
                let lowered = result.stdout.lowercased()
                for bad in ["nan", "inf"] {
                    let pattern = "(^|[^a-z])-?" + bad + "([^a-z]|$)"
                    #expect(lowered.range(of: pattern, options: .regularExpression) == nil, "\(label), \(name): '\(bad)' printed")
                }
                let prose: [String]
                if name.hasSuffix("markdown") {
                    prose = Self.sentences(markdown: result.stdout)
                } else if name.hasPrefix("status text") {
                    prose = result.stdout.split(separator: "\n").map(String.init)
                } else {
                    continue
                }
                for sentence in prose {
                    let found = Self.placeholders(in: sentence)
                    #expect(found.isEmpty, "\(label), \(name): placeholder \(found) in \"\(sentence)\"")
                }
            }
        }
    }

    @Test("COLUMNS=80 report retro on the sample team (every named category present): no line over 80 characters")
    func retroAt80() throws {
        let sample = try SampleTeam.get()
        let retro = try CLIRunner.run(["report", "retro", "--db", sample.database], environment: ["COLUMNS": "80"])
        #expect(retro.status == 0, "\(retro.stderr)")
        let lines = retro.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let longest = lines.map(\.count).max() ?? 0
        #expect(longest <= 80, "longest line \(longest): \(lines.first { $0.count == longest } ?? "")")
        for category in ["crud", "data-transform", "api-integration", "tests", "parsing", "migration", "config", "algorithm",
                         "performance", "distributed-state", "security", "business-logic", "docs", "maintenance"] {
            #expect(retro.stdout.contains("\n" + category + " "), "\(category) missing")
        }
        // The columns left out are named, with where to find them; no header is cut.
        #expect(retro.stdout.contains("Not shown at this width:"))
        #expect(lines.contains { $0.hasPrefix("category           zone      AI  human") && $0.hasSuffix("ratio  95% interval  time saved") })
        #expect(!lines.contains { $0.hasSuffix("…") && $0.hasPrefix("category") })
    }

    @Test("every text report and listing fits 80 and 100 columns", arguments: [80, 100])
    func everyTextFits(width: Int) throws {
        let sample = try SampleTeam.get()
        let backlog = CLIRunner.packageRoot + "/SampleData/backlog.csv"
        for arguments in [
            ["report", "weekly", "--week", SampleTeam.week], ["report", "retro"], ["plan", backlog], ["plan", "--backtest"],
            ["tasks"], ["sessions"], ["status"], ["people"],
        ] {
            let result = try CLIRunner.run(arguments + ["--db", sample.database], environment: ["COLUMNS": "\(width)"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            for line in result.stdout.split(separator: "\n") where line.count > width {
                // status prints the database path on one line: a path is not cut.
                guard !line.contains(sample.work) else { continue }
                Issue.record("\(arguments.joined(separator: " ")) at \(width): \(line.count) characters: \(line)")
            }
        }
    }
}
