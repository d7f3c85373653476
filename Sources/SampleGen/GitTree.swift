/// Git's object ids for trees and commits, computed the way git computes them, so the
/// generator knows every commit hash before `git fast-import` runs.
enum GitTree {
    /// The id of the tree holding `files` (path → blob id), with git's entry order
    /// (bytewise, a directory sorting as if its name ended in `/`).
    static func hash(_ files: [String: [UInt8]]) -> [UInt8] {
        level(files.map { (Array($0.key.utf8), $0.value) })
    }

    private static func level(_ entries: [([UInt8], [UInt8])]) -> [UInt8] {
        var items: [(key: [UInt8], bytes: [UInt8])] = []
        var directories: [[UInt8]: [([UInt8], [UInt8])]] = [:]
        for (path, id) in entries {
            if let slash = path.firstIndex(of: 0x2F) {
                directories[Array(path[..<slash]), default: []].append((Array(path[(slash + 1)...]), id))
            } else {
                items.append((path, Array("100644 ".utf8) + path + [0] + id))
            }
        }
        for (name, children) in directories {
            items.append((name + [0x2F], Array("40000 ".utf8) + name + [0] + level(children)))
        }
        items.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return SHA1.gitObject("tree", items.flatMap(\.bytes))
    }

    /// The id of a commit object as fast-import writes it (the message verbatim).
    static func commit(tree: [UInt8], parents: [String], author: Signature, committer: Signature, message: String) -> String {
        var text = "tree \(SHA1.hex(tree))\n"
        for parent in parents { text += "parent \(parent)\n" }
        text += "author \(author.gitLine)\ncommitter \(committer.gitLine)\n\n" + message
        return SHA1.hex(SHA1.gitObject("commit", Array(text.utf8)))
    }
}
