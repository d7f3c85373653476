import Support
import Testing

@Suite("Running child processes")
struct StreamingProcessTests {
    let environment = ["PATH": "/usr/bin:/bin"]

    @Test("stdout is read whole and the status is reported")
    func output() throws {
        let result = try StreamingProcess.run("sh", ["-c", "printf 'hello'; exit 3"], environment: environment)
        #expect(result.output == Array("hello".utf8))
        #expect(result.status == 3)
    }

    @Test("a child writing much to stderr does not deadlock, and its stderr is kept")
    func largeStderr() throws {
        let script = "head -c 300000 /dev/zero | tr '\\0' e >&2; printf done"
        let result = try StreamingProcess.run("sh", ["-c", script], environment: environment)
        #expect(result.output == Array("done".utf8))
        #expect(result.error.utf8.count == 300_000)
    }

    @Test("a failing child is an error with its stderr's first line")
    func failure() throws {
        let process = try StreamingProcess(
            executable: "sh", arguments: ["-c", "echo 'fatal: nope' >&2; exit 128"], environment: environment)
        _ = try process.readAllOutput()
        #expect(throws: StreamingProcess.Failure.self) { try process.waitForSuccess() }
    }

    @Test("an error names a long command by its first arguments and how many more")
    func longCommand() {
        let hashes = (0..<300).map { String(repeating: "a", count: 39) + "\($0 % 10)" }
        let named = StreamingProcess.commandLine("git", ["-C", "/repo", "show", "--numstat", "--format=%H"] + hashes)
        #expect(named == "git -C /repo show --numstat --format=%H \(hashes[0]) … (299 more arguments)")
        #expect(StreamingProcess.commandLine("git", ["log", "-1"]) == "git log -1")
    }

    @Test("a program that does not exist cannot be spawned")
    func missingProgram() {
        #expect(throws: StreamingProcess.Failure.self) {
            try StreamingProcess(executable: "no-such-program-here", arguments: [], environment: environment)
        }
    }

    @Test("stop() ends a child that would run forever")
    func stop() throws {
        let process = try StreamingProcess(executable: "sleep", arguments: ["30"], environment: environment)
        process.stop()
    }

    @Test("stdin can come from a file")
    func standardInput() throws {
        let process = try StreamingProcess(
            executable: "wc", arguments: ["-c"], environment: environment, standardInput: "/etc/hostname")
        let output = String(decoding: try process.readAllOutput(), as: UTF8.self)
        try process.waitForSuccess()
        #expect(Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) != nil)
    }
}

import Foundation
