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

    /// `path` with every symbolic link resolved (`realpath(3)`), or `path` itself when it cannot be
    /// (nothing there). Foundation's `resolvingSymlinksInPath` reads a relative link's target against
    /// the current directory on Linux, not against the link's folder.
    package static func resolvingLinks(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
