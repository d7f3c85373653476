import Testing
import Foundation
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
        var offsets = Array(0..<count)
        Parallel.update(&numbers, inputs: &offsets) { value, offset in value = value &* 31 &+ offset }
        #expect(numbers == (0..<count).map { $0 &* 31 &+ $0 })
        var strings = (0..<count).map(String.init)
        var suffixes = (0..<count).map { "!\($0)" }
        Parallel.update(&strings, inputs: &suffixes) { value, suffix in
            value += suffix
            suffix = ""
        }
        #expect(strings == (0..<count).map { "\($0)!\($0)" })
        // What the body left of each input is kept: here every one was emptied after use.
        #expect(suffixes.allSatisfy { $0.isEmpty })
    }

    @Test("pending work gives its result, computed on another thread, however late it is asked for")
    func pending() {
        let pending = Parallel.Pending { (0..<10_000).reduce(0, &+) }
        let other = Parallel.Pending { Thread.isMainThread }
        #expect(pending.value() == 49_995_000)
        #expect(pending.value() == 49_995_000)
        #expect(other.value() == false)
    }
}
