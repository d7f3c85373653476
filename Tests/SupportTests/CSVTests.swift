import Testing
@testable import Support

@Suite("CSV reading and writing")
struct CSVTests {
    @Test("quoted fields with commas, quotes and line breaks round-trip")
    func roundTrip() throws {
        let rows = [["id", "title"], ["1", "a, \"b\"\nc"], ["2", ""]]
        let text = rows.map { CSV.row($0) }.joined()
        #expect(try CSV.parse(text).map(\.fields) == rows)
    }

    @Test("text a spreadsheet would run as a formula gets a leading quote; numbers, a lone dash and a program's CSV stay")
    func formulas() {
        #expect(CSV.field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        #expect(CSV.field("=cmd|' /C calc'!A0 tidy") == "'=cmd|' /C calc'!A0 tidy")
        #expect(CSV.field("@SUM(1+1)") == "'@SUM(1+1)")
        #expect(CSV.field("+1 more") == "'+1 more")
        #expect(CSV.field("-2+3 tidy") == "'-2+3 tidy")
        #expect(CSV.field("\tx") == "'\tx")
        for kept in ["-3.5", "+4", "-", "1e3", "a=b", "fix -x", ""] { #expect(CSV.field(kept) == kept) }
        #expect(CSV.row(["=1+1", "-x"], keepingFormulas: true) == "=1+1,-x\n")
    }

    @Test("CRLF, a byte-order mark and blank lines; records know their line")
    func lines() throws {
        let records = try CSV.parse("\u{FEFF}a,b\r\n\r\n1,\"x\ny\"\r\n2,z")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "x\ny"], ["2", "z"]])
        #expect(records.map(\.line) == [1, 3, 5])
    }

    @Test("malformed quoting names the line", arguments: [
        ("a,b\n1,x\"y\n", 2), ("a\n\"open\n", 2), ("a\n\"x\"y\n", 2),
    ])
    func malformed(text: String, line: Int) {
        #expect(throws: CSV.ParseError.self) { try CSV.parse(text) }
        do { _ = try CSV.parse(text) } catch { #expect(error.line == line) }
    }
}
