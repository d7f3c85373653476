import Foundation

/// `SampleGen`: writes the demo team's data (seed 1 into SampleData by default), or with
/// `--large N` a long history for benchmarks. The work is in `SampleDataGenerator` and
/// `LargeHistoryWriter`; this only parses arguments and touches the file system.
@main
struct Entrypoint {
    static func main() {
        let options: Options
        do {
            options = try Options.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            let message = error.message.isEmpty ? "" : "SampleGen: error: \(error.message)\n"
            FileHandle.standardError.write(Data((message + Options.usage).utf8))
            exit(error.message.isEmpty ? 0 : 64)
        }
        do {
            if options.reviewPlants {
                let world = ReviewPlants(seed: options.seed).generate()
                try write([GeneratedFile("repo.fi", world.stream), GeneratedFile("review-truth.json", text: world.truth)], to: options.out ?? "")
            } else if let count = options.large {
                try writeLarge(commits: count, seed: options.seed, to: options.out ?? "-")
            } else {
                let files = SampleDataGenerator(seed: options.seed, scenario: options.scenario).generate()
                try write(files, to: options.out ?? "SampleData")
                FileHandle.standardError.write(Data("SampleGen: wrote \(files.count) files to \(options.out ?? "SampleData")\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("SampleGen: error: \(error)\n".utf8))
            exit(74)
        }
    }

    /// Writes the files under `directory`, replacing `machines/` so no stale session log survives.
    static func write(_ files: [GeneratedFile], to directory: String) throws {
        let manager = FileManager.default
        let machines = directory + "/machines"
        if manager.fileExists(atPath: machines) { try manager.removeItem(atPath: machines) }
        for file in files {
            let url = URL(fileURLWithPath: directory + "/" + file.path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
    }

    static func writeLarge(commits: Int, seed: UInt64, to path: String) throws {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardOutput
        } else {
            guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            handle = file
        }
        var writer = LargeHistoryWriter(commits: commits, seed: seed)
        writer.write { handle.write(Data($0)) }
        if path != "-" { try handle.close() }
    }
}
