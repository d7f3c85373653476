import Testing

@testable import Ingestion

@Suite("Where the first git log partition ends")
struct PartitionLimitTests {
    @Test("it keeps what it read while git counted, and takes an even share of the rest")
    func shareOfTheRest() {
        let limit = PartitionReader.Limit()
        // Nothing read yet: an even split, the first taking the odd one.
        #expect(limit.end(sharing: 101, among: 2) == 51)
        let ahead = PartitionReader.Limit()
        for _ in 0..<20 { #expect(ahead.accept()) }
        // 20 read; the other 80 split between the two.
        #expect(ahead.end(sharing: 100, among: 2) == 60)
        let all = PartitionReader.Limit()
        for _ in 0..<30 { #expect(all.accept()) }
        // It read the whole history before the count came: it ends there.
        #expect(all.end(sharing: 30, among: 2) == 30)
        #expect(!all.accept())
    }
}
