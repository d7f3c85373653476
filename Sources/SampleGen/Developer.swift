/// The AI coding assistants the demo team uses, named as truth.json names them.
enum AITool: String {
    case claudeCode = "claude-code"
    case codex
    case aider
    /// GitHub Copilot CLI: only its commit trailer is visible; its logs are not collected.
    case copilotCLI = "copilot-cli"
}

/// One person of the fictional acme-shop team: identity, clock, habits and assistant.
struct Developer {
    let login: String
    let name: String
    let email: String
    /// UTC offset in minutes (fixed: these places keep no daylight saving time).
    let offset: Int
    let tool: AITool?
    /// Chance that a task of theirs is AI-assisted.
    let aiShare: Double
    /// Writes conventional-commit subjects (`feat(api): …`).
    let conventional: Bool
    /// The checkout the assistant runs in.
    let checkout: String
    /// The assistant's model, as its logs and trailers name it.
    let model: String

    static let team: [Developer] = [
        Developer(
            login: "alice", name: "Alice Martin", email: "alice@acme-shop.example", offset: 120, tool: .claudeCode,
            aiShare: 0.62, conventional: true, checkout: "/home/alice/src/acme-shop", model: "claude-opus-4-5-20251101"),
        Developer(
            login: "bob", name: "Bob Okafor", email: "bob.okafor@acme-shop.example", offset: -300, tool: .claudeCode,
            aiShare: 0.5, conventional: false, checkout: "/Users/bob/code/acme-shop", model: "claude-sonnet-4-5-20250929"),
        Developer(
            login: "carol", name: "Carol Iyer", email: "carol@acme-shop.example", offset: 330, tool: .codex,
            aiShare: 0.55, conventional: true, checkout: "/home/carol/work/acme-shop", model: "gpt-5.3-codex"),
        Developer(
            login: "dave", name: "Dave Kowalski", email: "dave.k@acme-shop.example", offset: 0, tool: .aider,
            aiShare: 0.5, conventional: false, checkout: "/home/dave/projects/acme-shop",
            model: "anthropic/claude-sonnet-4-5"),
        Developer(
            login: "erin", name: "Erin Novak", email: "erin@acme-shop.example", offset: 60, tool: .copilotCLI,
            aiShare: 0.12, conventional: true, checkout: "/Users/erin/dev/acme-shop", model: "gpt-5.2"),
    ]
}
