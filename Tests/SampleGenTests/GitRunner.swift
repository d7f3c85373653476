import Foundation

/// Runs git for the tests: output pipes read before waiting, so a full pipe never blocks.
enum GitRunner {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_DIR"] = nil
        environment["GIT_WORK_TREE"] = nil
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        if let stdin {
            guard let handle = FileHandle(forReadingAtPath: stdin) else { throw Failure(description: "cannot read \(stdin)") }
            process.standardInput = handle
        }
        try process.run()
        // Drain stderr concurrently; read stdout to its end before waiting.
        let errorText = ErrorBox()
        let thread = Thread { errorText.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        thread.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorText.isSet { usleep(1000) }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "git \(arguments.joined(separator: " ")) failed: \(errorText.text)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// stderr collected on another thread.
    final class ErrorBox: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?

        func set(_ value: Data) { lock.withLock { data = value } }
        var isSet: Bool { lock.withLock { data != nil } }
        var text: String { lock.withLock { String(decoding: data ?? Data(), as: UTF8.self) } }
    }

    static func temporaryDirectory(_ label: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/samplegen-\(label)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
