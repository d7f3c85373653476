import Foundation

/// `SampleGen [--seed N] [--out DIR]` writes the demo team's data (default: seed 1 into SampleData);
/// `SampleGen --large N [--seed N] --out FILE|-` writes a long history for benchmarks.
@main
struct Entrypoint {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            defer { arguments.removeSubrange(index...(index + 1)) }
            return arguments[index + 1]
        }
        let seed = value("--seed").flatMap(UInt64.init) ?? 1
        let large = value("--large").flatMap(Int.init)
        let out = value("--out")
        guard arguments.isEmpty else {
            FileHandle.standardError.write(Data("usage: SampleGen [--seed N] [--out DIR] | --large N --out FILE|-\n".utf8))
            exit(64)
        }
        do {
            if let large {
                try writeLarge(commits: large, seed: seed, to: out ?? "-")
            } else {
                try write(TeamData.generate(seed: seed), to: out ?? "SampleData")
            }
        } catch {
            FileHandle.standardError.write(Data("SampleGen: error: \(error)\n".utf8))
            exit(74)
        }
    }

    /// Replaces the generated files in `directory` (other files there are left alone).
    static func write(_ files: [String: [UInt8]], to directory: String) throws {
        let machines = directory + "/machines"
        if FileManager.default.fileExists(atPath: machines) { try FileManager.default.removeItem(atPath: machines) }
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let url = URL(fileURLWithPath: directory + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
    }

    static func writeLarge(commits: Int, seed: UInt64, to path: String) throws {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardOutput
        } else {
            guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
            handle = file
        }
        LargeHistory(commits: commits, seed: seed).write { handle.write(Data($0)) }
    }
}
