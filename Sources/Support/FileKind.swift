import Foundation

/// What a path names, its symbolic links followed (`stat(2)`): a log folder may hold pipes,
/// sockets or devices, and opening a pipe to read it waits for a writer that never comes.
package enum FileKind: Sendable, Equatable {
    case regular, folder, other, missing

    package init(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            self = .missing
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .folder
        default: self = .other
        }
    }

    /// What is at `path`, for a message that says why it is no file to read: `a folder`, `a pipe`,
    /// `a socket`, `a device` (nil for a regular file or nothing there).
    package static func name(ofPath path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a pipe"
        case S_IFSOCK: return "a socket"
        default: return "a device"
        }
    }

    /// `path` with every symbolic link resolved (`realpath(3)`), or `path` itself when it cannot be
    /// (nothing there). Foundation's `resolvingSymlinksInPath` reads a relative link's target against
    /// the current directory on Linux, not against the link's folder.
    package static func resolvingLinks(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
