import Support
import Testing

@Suite("Reading newline-delimited messages with a length limit")
struct BoundedLineReaderTests {
    /// Every line of `input`, read in chunks of `chunkSize`.
    func lines(_ input: String, limit: Int = 8, chunkSize: Int = 3) -> [BoundedLineReader.Line] {
        var remaining = Array(input.utf8)[...]
        var reader = BoundedLineReader(limit: limit, chunkSize: chunkSize) { buffer in
            let count = min(buffer.count, remaining.count)
            for index in 0..<count { buffer[index] = remaining[remaining.startIndex + index] }
            remaining = remaining.dropFirst(count)
            return count
        }
        var lines: [BoundedLineReader.Line] = []
        while let line = reader.next() { lines.append(line) }
        return lines
    }

    @Test("lines across chunks come out whole, without their newline or carriage return")
    func whole() {
        #expect(lines("ab\ncdefg\r\n\nh\n") == [.complete(Array("ab".utf8)), .complete(Array("cdefg".utf8)), .complete([]), .complete([0x68])])
    }

    @Test("a line over the limit is skipped up to its newline and reported with its length; the next line is read")
    func tooLong() {
        #expect(lines("0123456789abc\nok\n") == [.tooLong(length: 13), .complete(Array("ok".utf8))])
        #expect(lines("12345678\n") == [.complete(Array("12345678".utf8))])
        #expect(lines("123456789\n") == [.tooLong(length: 9)])
    }

    @Test("at end of input, a half-written line is handed over as unterminated, and an over-long one as too long")
    func endOfInput() {
        #expect(lines("a\n{\"jso") == [.complete([0x61]), .unterminated(Array("{\"jso".utf8))])
        #expect(lines("a\n0123456789") == [.complete([0x61]), .tooLong(length: 10)])
        #expect(lines("").isEmpty)
    }

    @Test("a huge line holds no more than the limit in memory: it is dropped as it arrives")
    func bounded() {
        let huge = String(repeating: "x", count: 1 << 20) + "\nend\n"
        #expect(lines(huge, limit: 1024, chunkSize: 4096) == [.tooLong(length: 1 << 20), .complete(Array("end".utf8))])
    }
}
