import Support
import Testing

@Suite("Splitting byte chunks at a delimiter")
struct ByteSplitterTests {
    func split(_ chunks: [[UInt8]], delimiter: UInt8 = 0x0A) -> (pieces: [[UInt8]], tail: [UInt8]?) {
        var splitter = ByteSplitter(delimiter: delimiter)
        var pieces: [[UInt8]] = []
        for chunk in chunks {
            chunk.withUnsafeBufferPointer { buffer in splitter.feed(buffer) { pieces.append(Array($0)) } }
        }
        var tail: [UInt8]?
        splitter.finish { tail = Array($0) }
        return (pieces, tail)
    }

    @Test("pieces inside one chunk and across chunks come out whole")
    func acrossChunks() {
        let result = split([Array("ab\ncd".utf8), Array("ef\n\ngh".utf8), Array("ij".utf8)])
        #expect(result.pieces == [Array("ab".utf8), Array("cdef".utf8), []])
        #expect(result.tail == Array("ghij".utf8))
    }

    @Test("a stream ending in the delimiter has no tail")
    func noTail() {
        let result = split([Array("a\0b\0".utf8)], delimiter: 0)
        #expect(result.pieces == [[0x61], [0x62]])
        #expect(result.tail == nil)
    }

    @Test("a long piece spread over many one-byte chunks is reassembled")
    func byteByByte() {
        let text = Array(String(repeating: "x", count: 1000).utf8) + [0x0A]
        let result = split(text.map { [$0] })
        #expect(result.pieces.count == 1)
        #expect(result.pieces[0].count == 1000)
    }
}
