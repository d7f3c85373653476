import Testing
@testable import Support

@Suite("Parallel map")
struct ParallelTests {
    @Test("equals the serial map, in order, for small and large inputs", arguments: [0, 1, 255, 1000, 100_003])
    func sameAsMap(count: Int) {
        let items = Array(0..<count)
        #expect(Parallel.map(items) { $0 &* 31 &+ 7 } == items.map { $0 &* 31 &+ 7 })
        #expect(Parallel.map(items.map(String.init)) { $0 + "!" } == items.map { String($0) + "!" })
    }
}
