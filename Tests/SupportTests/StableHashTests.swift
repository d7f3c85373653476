import Support
import Testing

@Suite("A hash that is the same on every run")
struct StableHashTests {
    @Test("a text and its UTF-8 bytes hash alike, to values fixed for good (task ids and stored record identities)")
    func stable() {
        let text = "repository\u{0}ABC-12 é"
        #expect(Array(text.utf8).withUnsafeBufferPointer { StableHash.of($0) } == StableHash.of(text))
        // FNV-1a 64 with the SplitMix64 finaliser, as computed outside Swift.
        #expect(StableHash.of("") == 0xf52a_15e9_a9b5_e89b)
        #expect(StableHash.of("abc") == 0x0dd4_9049_0804_b508)
    }
}
