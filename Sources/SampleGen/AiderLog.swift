/// Writes aider's files in the developer's checkout: `.aider.chat.history.md` (a header per
/// launch in local time, `#### ` prompts, `> Applied edit to`, `> Tokens:`, and
/// `> Commit <hash> <subject>` with the real short hash of each commit aider made) and
/// `.aider.input.history` (each prompt with its local timestamp).
struct AiderLog {
    var random: SplitMix64
    private var chats: [(time: Int64, login: String, text: String)] = []
    private var inputs: [(time: Int64, login: String, text: String)] = []

    init(random: SplitMix64) { self.random = random }

    /// Appends one launch of aider; returns the session's name (aider has no session ids).
    mutating func session(_ plan: SessionPlan, world: SampleWorld) -> String {
        let person = world.team[plan.developer]
        let task = world.tasks[plan.task]
        let header = Format.local(plan.start, offset: person.offset)
        var text = "\n# aider chat started at \(header)\n\n"
        text += "> \(person.checkout.replacingOccurrences(of: "/projects/acme-shop", with: ""))/.local/bin/aider --model \(person.model)  \n"
        text += "> Aider v0.86.1  \n> Main model: \(person.model) with diff edit format, infinite output  \n"
        text += "> Weak model: anthropic/claude-haiku-4-5  \n> Git repo: .git with \(180 + plan.task / 4) files  \n> Repo-map: using 4096 tokens, auto refresh  \n"
        for file in plan.files { text += "> Added \(file) to the chat.  \n" }
        var cost = 0.0
        for (number, turn) in plan.turnTimes(random: &random, world: world).enumerated() {
            let file = plan.files[number % plan.files.count]
            let prompt = turn.commit != nil ? "finish this and make sure the tests pass" : number == 0 ? plan.firstPrompt ?? "\(task.key): \(task.title)" : SessionPlan.prompt(task, file: file, random: &random)
            let micro = String(format: "%06d", random.int(0...999_999))
            inputs.append((turn.time, person.login, "\n# \(Format.local(turn.time, offset: person.offset)).\(micro)\n+\(prompt)\n"))
            let message = random.unit() * 0.05 + 0.01
            cost += message
            text += "\n#### \(prompt)  \n\n"
            text += "I'll update `\(file)`.\n\n\(file)\n```typescript\n<<<<<<< SEARCH\n  return \(task.noun.replacingOccurrences(of: "-", with: "_"));\n=======\n"
            text += "  if (!input) throw badRequest('\(task.noun)');\n  return \(task.noun.replacingOccurrences(of: "-", with: "_"));\n>>>>>>> REPLACE\n```\n\n"
            text += "> Tokens: \(Format.fixed(Double(random.int(40...180)) / 10, digits: 1))k sent, \(Format.fixed(Double(random.int(3...25)) / 10, digits: 1))k received. "
            text += "Cost: $\(Format.fixed(message, digits: 4)) message, $\(Format.fixed(cost, digits: 4)) session.  \n"
            text += "> Applied edit to \(file)  \n"
            if let commit = turn.commit, task.trailer {
                text += "> Commit \(world.hash(commit).prefix(7)) \(world.commits[commit].subject)  \n"
            }
        }
        chats.append((plan.start, person.login, text))
        return "aider \(header)"
    }

    /// The chat and input histories, in time order, per developer who used aider.
    func files(world: SampleWorld) -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        for person in world.team where chats.contains(where: { $0.login == person.login }) {
            let folder = "machines/\(person.login)/" + (person.checkout.split(separator: "/").last.map(String.init) ?? "acme-shop")
            let chat = chats.filter { $0.login == person.login }.sorted { $0.time < $1.time }.map(\.text).joined()
            let input = inputs.filter { $0.login == person.login }.sorted { $0.time < $1.time }.map(\.text).joined()
            files.append(GeneratedFile("\(folder)/.aider.chat.history.md", text: chat))
            files.append(GeneratedFile("\(folder)/.aider.input.history", text: input))
        }
        return files
    }
}
