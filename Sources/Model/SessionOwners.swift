/// Whose session a log is: the author whose user folder (`/home/NAME/…`, `/Users/NAME/…`)
/// the session ran in, when exactly one author goes by NAME; else the one a folder of the
/// log's own path names.
package enum SessionOwners {
    /// The names a person may go by as a user on a machine: the email's local part and its
    /// first piece, and the first word of the author name.
    package static func words(email: String, name: String) -> Set<String> {
        var words: Set<String> = []
        let local = email.lowercased().split(separator: "@").first.map(String.init) ?? ""
        if !local.isEmpty {
            words.insert(local)
            if let first = local.split(whereSeparator: { ".-_+".contains($0) }).first { words.insert(String(first)) }
        }
        if let first = name.lowercased().split(separator: " ").first { words.insert(String(first)) }
        return words
    }

    /// Every identity (aliases applied) with the words its emails and names give.
    package static func identities(
        _ authors: [(email: String, names: [String], commits: Int)], aliases: [String: String]
    ) -> [String: Set<String>] {
        var identities: [String: Set<String>] = [:]
        for author in authors {
            let identity = aliases[author.email] ?? author.email
            for name in author.names { identities[identity, default: []].formUnion(words(email: author.email, name: name)) }
        }
        return identities
    }

    /// The one identity whose words contain the user folder's name, if exactly one does.
    package static func owner(workingDirectory: String?, identities: [String: Set<String>]) -> String? {
        guard let directory = workingDirectory else { return nil }
        let parts = directory.split(separator: "/")
        guard let home = parts.firstIndex(where: { $0 == "home" || $0 == "Users" }), home + 1 < parts.count else {
            return nil
        }
        let user = parts[home + 1].lowercased()
        let matches = identities.filter { $0.value.contains(user) }.map(\.key)
        return matches.count == 1 ? matches[0] : nil
    }

    /// Whose a session is: the user folder it ran in (above); else the deepest folder of the log's
    /// own path that names exactly one identity (logs collected from teammates' machines into
    /// `team-logs/dave/…`, a log in this user's own home; aider's history lies in its checkout).
    package static func owner(workingDirectory: String?, source: String?, identities: [String: Set<String>]) -> String? {
        if let owner = owner(workingDirectory: workingDirectory, identities: identities) { return owner }
        guard let source else { return nil }
        for folder in source.split(separator: "/").dropLast().reversed() where folder.count >= 3 {
            let name = folder.lowercased()
            let matches = identities.filter { $0.value.contains(name) }.map(\.key)
            // A folder two people go by tells no owner, and a folder above it is no better.
            if !matches.isEmpty { return matches.count == 1 ? matches[0] : nil }
        }
        return nil
    }
}
