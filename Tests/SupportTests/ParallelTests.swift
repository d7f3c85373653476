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

    @Test("update equals the serial loop, in place, for small and large inputs", arguments: [0, 1, 255, 1000, 100_003])
    func updateSameAsLoop(count: Int) {
        var numbers = Array(0..<count)
        Parallel.update(&numbers) { index, value in value = value &* 31 &+ index }
        #expect(numbers == (0..<count).map { $0 &* 31 &+ $0 })
        var strings = (0..<count).map(String.init)
        Parallel.update(&strings) { index, value in value += "!\(index)" }
        #expect(strings == (0..<count).map { "\($0)!\($0)" })
    }
}
