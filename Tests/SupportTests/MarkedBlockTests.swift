import Support
import Testing

@Suite("The marked block of a context file")
struct MarkedBlockTests {
    @Test("added at the end the first time, after a blank line; CRLF files keep CRLF; a missing last newline is supplied")
    func firstTime() throws {
        #expect(try MarkedBlock.splice("", body: ["a"]) == "<!-- multiplier:begin -->\na\n<!-- multiplier:end -->\n")
        #expect(try MarkedBlock.splice("# T\n", body: ["a"]) == "# T\n\n<!-- multiplier:begin -->\na\n<!-- multiplier:end -->\n")
        #expect(
            try MarkedBlock.splice("# T\r\nx", body: ["a", "b"])
                == "# T\r\nx\r\n\r\n<!-- multiplier:begin -->\r\na\r\nb\r\n<!-- multiplier:end -->\r\n")
    }

    @Test("only the text between the markers changes, a hand-edited block included; twice is once")
    func replaces() throws {
        let text = "before\n<!-- multiplier:begin -->\nold, edited by hand\n\nmore\n<!-- multiplier:end -->after\n"
        let once = try MarkedBlock.splice(text, body: ["new"])
        #expect(once == "before\n<!-- multiplier:begin -->\nnew\n<!-- multiplier:end -->after\n")
        #expect(try MarkedBlock.splice(once, body: ["new"]) == once)
        #expect(MarkedBlock.body(once) == ["new"])
        #expect(MarkedBlock.body("no markers") == nil)
    }

    @Test("a begin marker without an end marker is refused")
    func unclosed() {
        #expect(throws: MarkedBlock.Unclosed.self) { try MarkedBlock.splice("x\n<!-- multiplier:begin -->\ny\n", body: ["a"]) }
    }
}
