import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command's output goes: the product to `out`, progress and diagnostics to `err`.
///
/// Library targets never `print`; they write to a `Console`, so tests can capture both streams.
package struct Console: Sendable {
    /// Writes the product (a report, a listing). Never progress.
    package let out: @Sendable (String) -> Void
    /// Writes diagnostics and progress.
    package let err: @Sendable (String) -> Void
    /// Whether stderr is a terminal: progress is shown only then.
    package let isErrorTTY: Bool
    /// Whether colour may be used on stdout.
    package let useColor: Bool
    /// Width of the terminal in columns: the terminal's own, else `COLUMNS`, else 100.
    package let width: Int

    package init(
        out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
        isErrorTTY: Bool = false, useColor: Bool = false, width: Int = 80
    ) {
        self.out = out
        self.err = err
        self.isErrorTTY = isErrorTTY
        self.useColor = useColor
        self.width = width
    }

    /// The process's own stdout and stderr.
    package static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> Console {
        let stdoutTTY = isatty(STDOUT_FILENO) == 1
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return Console(
            out: { FileDescriptorWriter.writeAll($0, to: STDOUT_FILENO) },
            err: { FileDescriptorWriter.writeAll($0, to: STDERR_FILENO) },
            isErrorTTY: isatty(STDERR_FILENO) == 1,
            useColor: stdoutTTY && !noColor && !dumb,
            width: terminalWidth(environment: environment))
    }

    /// Writes one line of product output.
    package func line(_ text: String = "") { out(text + "\n") }

    /// Writes one line of diagnostics.
    package func note(_ text: String) { err(text + "\n") }

    /// The terminal's width when stdout is one; else `COLUMNS` (a pipe from a shell that set it);
    /// else 100, wide enough for files and pull requests and narrow enough to read.
    private static func terminalWidth(environment: [String: String]) -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        return 100
    }
}

/// Writes whole strings to a file descriptor, retrying short writes.
///
/// A closed pipe (`multiplier … | head`) ends the process quietly with status 0,
/// as a Unix filter should. Output that cannot be written (a full disk, `> /dev/full`, an I/O
/// error) ends it with one line on stderr and exit 74: a report cut short must not pass for a
/// whole one. (A closed descriptor, `>&-`, has no reader to mislead: it is passed over.)
package enum FileDescriptorWriter {
    package static func writeAll(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { buffer in
            guard var base = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = write(fd, base, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { exit(0) }
                    if fd == STDOUT_FILENO && errno != EBADF {
                        let reason = String(cString: strerror(errno))
                        writeAll("multiplier: error: cannot write the output to standard output: \(reason)\n", to: STDERR_FILENO)
                        exit(74)
                    }
                    return
                }
                remaining -= written
                base += written
            }
        }
    }
}
