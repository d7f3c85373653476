import Testing

@testable import SampleGen

@Suite("Command-line options")
struct OptionsTests {
    @Test("defaults are seed 1 and no output folder (SampleData)")
    func defaults() throws {
        #expect(try Options.parse([]) == Options(seed: 1, out: nil, large: nil))
    }

    @Test("seed, out and large are read")
    func values() throws {
        #expect(try Options.parse(["--seed", "9", "--out", "/tmp/x"]) == Options(seed: 9, out: "/tmp/x", large: nil))
        #expect(try Options.parse(["--large", "500", "--out", "-"]) == Options(seed: 1, out: "-", large: 500))
    }

    @Test("bad input is a usage error", arguments: [["--seed"], ["--seed", "x"], ["--large", "0", "--out", "-"], ["--large", "5"], ["--what"]])
    func errors(arguments: [String]) {
        #expect(throws: Options.UsageError.self) { try Options.parse(arguments) }
    }
}
