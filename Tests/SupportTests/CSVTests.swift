import Testing
@testable import Support

@Suite("CSV reading and writing")
struct CSVTests {
    @Test("quoted fields with commas, quotes and line breaks round-trip")
    func roundTrip() throws {
        let rows = [["id", "title"], ["1", "a, \"b\"\nc"], ["2", ""]]
        let text = rows.map(CSV.row).joined()
        #expect(try CSV.parse(text).map(\.fields) == rows)
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
