import Foundation
import Support

/// A file the user names for output (`--out`, `context --write`), written the one way.
enum OutputFile {
    /// Writes `text` to `path`. A regular file (or none yet) is replaced atomically — a reader never
    /// sees half of it — keeping its permissions and, where this process may set them, its owner; a
    /// read-only one is refused, as an editor would. Through a symbolic link the file it names is
    /// written and the link stays. A device or pipe (`/dev/null`, `/dev/stdout`) is written to as it
    /// is: replacing it would put a file in its place (as root, a `/dev/null` that is no device).
    /// - Throws: `CommandError.io` (exit 74) naming the path.
    static func write(_ text: String, to path: String) throws {
        let target = FileKind.resolvingLinks(path)
        func failure(_ reason: String) -> CommandError { .io("cannot write \(target): \(reason)") }
        switch FileKind(path: target) {
        case .folder:
            throw failure("it is a folder")
        case .other:
            guard let handle = FileHandle(forWritingAtPath: target) else { throw failure(String(cString: strerror(errno))) }
            defer { try? handle.close() }
            do {
                try handle.write(contentsOf: Data(text.utf8))
            } catch {
                throw failure(error.localizedDescription)
            }
        case .regular, .missing:
            // The replacement is a new file renamed over the old one, which a writable folder allows
            // even for a file its owner made read-only.
            let exists = FileManager.default.fileExists(atPath: target)
            if exists, access(target, W_OK) != 0 {
                throw failure(String(cString: strerror(errno)))
            }
            // The new file is made in the folder: a writable file in a folder this user may not write
            // cannot be replaced (Foundation would only say "you don't have permission").
            let folder = (target as NSString).deletingLastPathComponent
            if access(folder.isEmpty ? "." : folder, W_OK) != 0 {
                throw failure(
                    errno == ENOENT ? "its folder \(folder) does not exist"
                        : exists ? "its folder \(folder) is not writable (the file is replaced atomically, by a new file made there)"
                        : "its folder \(folder) is not writable")
            }
            let attributes = try? FileManager.default.attributesOfItem(atPath: target)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
                if let permissions = attributes?[.posixPermissions] {
                    try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: target)
                }
            } catch {
                throw failure(error.localizedDescription)
            }
            if let owner = attributes?[.ownerAccountID], let group = attributes?[.groupOwnerAccountID] {
                // Only root may give a file away; for anyone else it is theirs already.
                try? FileManager.default.setAttributes([.ownerAccountID: owner, .groupOwnerAccountID: group], ofItemAtPath: target)
            }
        }
    }
}
