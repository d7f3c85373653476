import Testing

@testable import SampleGen

@Suite("Time and number formats")
struct FormatTests {
    @Test("epoch seconds as UTC ISO 8601, local wall-clock time and git offsets")
    func times() {
        #expect(Format.iso(TeamSimulation.start) == "2026-08-03T00:00:00Z")
        #expect(Format.iso(TeamSimulation.end) == "2026-11-22T23:59:59Z")
        #expect(Format.isoMillis(1_785_715_200_123) == "2026-08-03T00:00:00.123Z")
        #expect(Format.local(TeamSimulation.start, offset: 330) == "2026-08-03 05:30:00")
        #expect(Format.gitOffset(-300) == "-0500")
        #expect(Format.gitOffset(330) == "+0530")
    }

    @Test("JSON: sorted keys on request, escapes, no escaped slashes")
    func json() {
        let value = JSONValue.object([("b", .string("a/b\n\"")), ("a", .array([.int(1), .null, .bool(true)]))])
        #expect(value.compact() == "{\"b\":\"a/b\\n\\\"\",\"a\":[1,null,true]}")
        #expect(value.compact(sortedKeys: true) == "{\"a\":[1,null,true],\"b\":\"a/b\\n\\\"\"}")
    }

    @Test("Claude Code's project folder replaces every non-alphanumeric character")
    func projectFolder() {
        #expect(ClaudeCodeLog.projectFolder("/Users/bob/code/acme-shop") == "-Users-bob-code-acme-shop")
    }
}
