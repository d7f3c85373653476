import Foundation
import Testing

@Suite("The layering of Sources/ (ARCHITECTURE.md)")
struct ImportRulesTests {
    /// What each target may import besides the toolchain's modules; nothing imports upward.
    static let allowed: [String: Set<String>] = [
        "CSQLite": [],
        "Support": [],
        "Model": [],
        "Storage": ["CSQLite", "Model", "Support"],
        "Ingestion": ["Storage", "Model", "Support"],
        "Classification": ["Model", "Support"],
        "Tasks": ["Classification", "Storage", "Model", "Support"],
        "Analysis": ["Model", "Support"],
        "Review": ["Model", "Support"],
        "Rendering": ["Review", "Analysis", "Model", "Support"],
        "Commands": ["Rendering", "Review", "Analysis", "Tasks", "Classification", "Ingestion", "Storage", "Model", "Support"],
        "multiplier": ["Commands", "Support"],
        "SampleGen": [],
        "MultiplierBench": ["Rendering", "Analysis", "Tasks", "Classification", "Ingestion", "Storage", "Model", "Support"],
        "TestSupport": ["Support"],
    ]
    /// Modules of the toolchain that any target may use.
    static let toolchain: Set<String> = ["Foundation", "Glibc", "Darwin", "Dispatch", "Synchronization"]

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    @Test("every target imports only what the architecture allows")
    func imports() throws {
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { name in
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(
                atPath: Self.sources.appendingPathComponent(name).path, isDirectory: &isDirectory)
            return exists && isDirectory.boolValue
        }
        for target in targets.sorted() {
            let rules = try #require(Self.allowed[target], "target \(target) is missing from the import table")
            let enumerator = FileManager.default.enumerator(atPath: Self.sources.appendingPathComponent(target).path)
            while let file = enumerator?.nextObject() as? String {
                guard file.hasSuffix(".swift") else { continue }
                let text = try String(
                    contentsOf: Self.sources.appendingPathComponent(target).appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ")
                    guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                        words[..<index].allSatisfy({ ["@testable", "package", "internal", "public"].contains($0) })
                    else { continue }
                    let module = String(words[index + 1])
                    #expect(
                        Self.toolchain.contains(module) || rules.contains(module),
                        "\(target)/\(file) imports \(module)")
                }
            }
        }
    }

    @Test("no try!, fatalError or force-unwrapped casts in Sources")
    func noTraps() throws {
        let enumerator = FileManager.default.enumerator(atPath: Self.sources.path)
        while let file = enumerator?.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("try!"), "\(file) uses try!")
            #expect(!text.contains("fatalError("), "\(file) uses fatalError")
            #expect(!text.contains("as! "), "\(file) force-casts")
        }
    }
}
