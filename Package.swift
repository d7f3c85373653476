// swift-tools-version: 6.0
import PackageDescription

// The layout follows the pipeline: ingest → store → build tasks → classify →
// analyze → render. Each stage is a target; `ArchitectureTests` checks that no
// target imports one above it (see Sources/ARCHITECTURE.md).
let package = Package(
    name: "Multiplier",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "multiplier", targets: ["multiplier"])
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .target(name: "Support", exclude: ["README.md"]),
        .target(name: "Model", exclude: ["README.md"]),
        .target(name: "Storage", dependencies: ["CSQLite", "Model", "Support"], exclude: ["README.md"]),
        .target(name: "Ingestion", dependencies: ["Storage", "Model", "Support"], exclude: ["README.md", "Sessions/WORKFLOW.md"]),
        .target(name: "Classification", dependencies: ["Model", "Support"], exclude: ["README.md"]),
        .target(name: "Tasks", dependencies: ["Classification", "Storage", "Model", "Support"], exclude: ["README.md"]),
        .target(name: "Analysis", dependencies: ["Model", "Support"], exclude: ["README.md"]),
        .target(name: "Review", dependencies: ["Model", "Support"], exclude: ["README.md"]),
        .target(name: "Rendering", dependencies: ["Review", "Analysis", "Model", "Support"], exclude: ["README.md"]),
        .target(
            name: "Commands",
            dependencies: ["Rendering", "Review", "Analysis", "Tasks", "Classification", "Ingestion", "Storage", "Model", "Support"],
            exclude: ["README.md"],
            // The method, for `multiplier mcp`'s resource: SwiftPM copies it beside the binary.
            resources: [.copy("../METHOD.md")]),
        .executableTarget(name: "multiplier", dependencies: ["Commands", "Support"], exclude: ["README.md"]),
        .executableTarget(name: "SampleGen", exclude: ["README.md"]),
        // Helpers shared by the test targets: temporary folders and scripted git repositories.
        .target(name: "TestSupport", dependencies: ["Support"], exclude: ["README.md"]),
        .executableTarget(
            name: "MultiplierBench", dependencies: ["Rendering", "Analysis", "Tasks", "Classification", "Ingestion", "Storage", "Model", "Support"]),

        .testTarget(name: "SupportTests", dependencies: ["Support", "TestSupport"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Model", "Support", "TestSupport"]),
        .testTarget(
            name: "IngestionTests", dependencies: ["Ingestion", "Storage", "Model", "Support", "TestSupport"],
            resources: [.copy("Fixtures")]),
        // SampleGen: the review's planted world is generated in the test, then read by the built binary.
        // MCP/client.py drives `multiplier mcp` with the official MCP Python SDK (MCPClientTests, run by .ci/run).
        // ValidityTests runs SampleGen's worlds through the binary and scores them with MultiplierBench's Validity.
        // Storage: tests open the database the binary wrote (SessionSecretTests scans every text column).
        .testTarget(
            name: "CLITests", dependencies: ["multiplier", "SampleGen", "MultiplierBench", "Storage", "Support", "TestSupport"],
            exclude: ["Goldens", "MCP/client.py", "MCP/latency.py"]),
        // Also runs Analysis on SampleGen's planted worlds: does the method recover what was planted?
        .testTarget(name: "SampleGenTests", dependencies: ["SampleGen", "Analysis", "Model"]),
        .testTarget(
            name: "SessionTests", dependencies: ["Ingestion", "Storage", "Model", "Support", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "ClassificationTests", dependencies: ["Classification", "Model", "Support"], exclude: ["Fixtures"]),
        .testTarget(
            name: "TasksTests", dependencies: ["Tasks", "Classification", "Storage", "Model", "Support", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Model", "Support"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "Review", "Analysis", "Model", "Support"]),
        .testTarget(name: "ReviewTests", dependencies: ["Review", "Ingestion", "Model", "Support", "TestSupport"]),
        .testTarget(name: "CommandsTests", dependencies: ["Commands", "Storage", "Support", "TestSupport"]),
        .testTarget(name: "ArchitectureTests"),
    ],
    swiftLanguageModes: [.v6]
)
