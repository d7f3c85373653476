import Foundation
import Support
import TestSupport

/// Runs the built `multiplier` binary, the way a user does.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary next to the test bundle (`.build/<triple>/debug/multiplier`).
    static let binary: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundle.appendingPathComponent("multiplier").path]
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("multiplier").path)
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("multiplier").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    /// The package's root folder (for SampleData).
    static let packageRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The wrapper that runs the binary as user nobody when the tests run as root (permissions bind
    /// only another user), nothing when they do not; nil when there is no `setpriv` to do it.
    static let asAnotherUser: [String]? = {
        guard getuid() == 0 else { return [] }
        let setpriv = "/usr/bin/setpriv"
        return FileManager.default.isExecutableFile(atPath: setpriv) ? [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] : nil
    }()

    /// git refuses a repository another user owns unless told it is safe (for `asAnotherUser`).
    static let gitSafeEverywhere = ["GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "safe.directory", "GIT_CONFIG_VALUE_0": "*"]

    /// Runs `multiplier arguments…` with a clean environment plus `environment`; through `wrapper`
    /// when one is given (`setpriv …` to run it as another user).
    static func run(_ arguments: [String], environment: [String: String] = [:], wrapper: [String] = []) throws -> Result {
        let process = try StreamingProcess(
            executable: wrapper.first ?? binary, arguments: Array(wrapper.dropFirst()) + (wrapper.isEmpty ? [] : [binary]) + arguments,
            environment: ScriptedRepository.environment(environment))
        let output = try process.readAllOutput()
        let status = try process.waitForStatus()
        return Result(status: status, stdout: String(decoding: output, as: UTF8.self), stderr: process.standardError)
    }
}
