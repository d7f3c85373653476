import Testing
@testable import Support

@Suite("Tables fitted to a terminal")
struct FormatTests {
    static let header = ["id", "category", "ratio", "rework AI", "churn AI", "title"]
    static let rows = [
        ["a1b2c3", "distributed-state", "0.47", "29%", "36%", "Exactly-once email event handling with retries"],
        ["d4e5f6", "crud", "1.05", "9%", "3%", "Addresses admin backend"],
    ]

    @Test(
        "fixed rounds halves away from zero, as the decimal reads; never -0",
        arguments: [
            (0.25, 1, "0.3"), (0.75, 1, "0.8"), (0.15, 1, "0.2"), (2.5, 0, "3"), (-0.25, 1, "-0.3"), (0.725, 2, "0.73"),
            (1.04, 1, "1.0"), (-0.04, 1, "0.0"), (123456.789, 2, "123456.79"), (1e300, 1, String(format: "%.1f", 1e300)),
            (Double.nan, 1, "-"),
        ])
    func fixed(value: Double, digits: Int, text: String) {
        #expect(Format.fixed(value, digits) == text)
    }

    @Test("every column fits: nothing hidden, nothing cut, no trailing spaces")
    func wide() {
        let fitted = Format.fit(header: Self.header, rows: Self.rows, width: 200, rightAligned: [2, 3, 4], flexible: 5)
        #expect(fitted.hidden.isEmpty)
        #expect(fitted.text.contains("Exactly-once email event handling with retries"))
        #expect(!fitted.text.split(separator: "\n").contains { $0.hasSuffix(" ") })
    }

    @Test("columns are dropped by priority, the rest keep their order, the title is cut last", arguments: [70, 80, 90])
    func narrow(width: Int) {
        let fitted = Format.fit(
            header: Self.header, rows: Self.rows, width: width, rightAligned: [2, 3, 4], priority: [0, 1, 2, 5], flexible: 5)
        let lines = fitted.text.split(separator: "\n").map(String.init)
        for line in lines { #expect(line.count <= width, "\(line.count): \(line)") }
        let header = lines[0].split(separator: " ").map(String.init)
        // Headers are never cut: every shown header is whole, in table order.
        let shown = Self.header.filter { !fitted.hidden.contains($0) }
        #expect(lines[0].replacingOccurrences(of: " ", with: "") == shown.joined().replacingOccurrences(of: " ", with: ""))
        #expect(header.first == "id" && shown.contains("ratio") && shown.contains("title"))
        // Only the low-priority columns go, the least important first.
        #expect(fitted.hidden.allSatisfy { ["rework AI", "churn AI"].contains($0) })
        if fitted.hidden.count == 1 { #expect(fitted.hidden == ["churn AI"]) }
    }

    @Test("at 70 columns the low-priority columns go and the table says so")
    func hiddenLine() {
        let text = Format.table(
            header: Self.header, rows: Self.rows, width: 70, rightAligned: [2, 3, 4], priority: [0, 1, 2, 5], flexible: 5,
            elsewhere: "--format csv has them")
        #expect(text.hasSuffix("(not shown at this width: rework AI, churn AI; --format csv has them)\n"))
        #expect(text.contains("…"))
    }

    @Test("a kept column wider than the terminal is cut, its header is not")
    func tooWide() {
        let cell = String(repeating: "x", count: 90)
        let fitted = Format.fit(header: ["name", "n"], rows: [[cell, "1"]], width: 40, rightAligned: [1])
        for line in fitted.text.split(separator: "\n") { #expect(line.count <= 40, "\(line)") }
        #expect(fitted.text.hasPrefix("name"))
        #expect(fitted.text.contains("x…"))
    }

    @Test("a cell with a line break or a tab stays on its row")
    func lineBreaks() {
        let fitted = Format.fit(header: ["id", "title"], rows: [["B-5", "Rework the\nworkflow\r\nengine\tnow"], ["B-6", "x"]], width: 80)
        #expect(fitted.text.split(separator: "\n").count == 3)  // the header and two rows
        #expect(fitted.text.contains("Rework the workflow engine now"))
    }

    @Test("text for a terminal: escape sequences, bells and lone carriage returns become �; line breaks and tabs stay")
    func printable() {
        #expect(Format.printable("plain — ünïcode\tand\nlines") == "plain — ünïcode\tand\nlines")
        #expect(Format.printable("\u{1B}]0;pwned\u{07}red \u{1B}[31mtext\u{9B}2J") == "\u{FFFD}]0;pwned\u{FFFD}red \u{FFFD}[31mtext\u{FFFD}2J")
        #expect(Format.printable("a\r\nb\rc\r") == "a\nb\u{FFFD}c\u{FFFD}")
        // Bidirectional overrides and isolates would show a title in another order; direction marks stay.
        #expect(Format.printable("Fix \u{202E}nigol\u{202C} and \u{2066}x\u{2069}") == "Fix \u{FFFD}nigol\u{FFFD} and \u{FFFD}x\u{FFFD}")
        #expect(Format.printable("שלום \u{200F}(v2)") == "שלום \u{200F}(v2)")
        let fitted = Format.fit(header: ["id", "title"], rows: [["B-5", "Fix \u{1B}[2Jit"]], width: 80)
        #expect(!fitted.text.unicodeScalars.contains("\u{1B}"))
    }

    @Test("widths are terminal columns: Chinese and emoji take two, a zero-width space none; tables and wrapped text fit")
    func wideCharacters() {
        #expect(Format.columns("abc") == 3 && Format.columns("修复解析器") == 10 && Format.columns("fix 🐛") == 6)
        #expect(Format.columns("a\u{200B}b") == 2 && Format.columns("e\u{301}") == 1)
        #expect(Format.prefix("修复解析器", columns: 5) == "修复")
        let title = "修复订单服务中的并发问题并增加重试逻辑以及详细的日志记录 🚀🚀"
        let table = Format.table(header: ["ID", "TITLE"], rows: [["abc123", title], ["def456", "plain ascii title"]], width: 40, flexible: 1)
        for line in table.split(separator: "\n") { #expect(Format.columns(line) <= 40, "\(line)") }
        #expect(table.contains("…"))
        let wrapped = Format.wrap(title + " and then some words", width: 20, rest: "  ")
        for line in wrapped.split(separator: "\n") { #expect(Format.columns(line) <= 20, "\(line)") }
        #expect(wrapped.replacingOccurrences(of: "\n  ", with: "").replacingOccurrences(of: " ", with: "").contains("修复订单服务"))
    }
}
