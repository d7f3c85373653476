import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process whose stdout is read as a stream, in constant memory.
///
/// Foundation's `Process` on Linux loses output through `readabilityHandler` and
/// inherits a blocked SIGTERM when spawned off the main thread, so this spawns
/// with `posix_spawn` directly: stdin is `/dev/null`, signals are reset to their
/// defaults, stderr is drained on its own thread (an undrained pipe deadlocks at
/// 64 KiB) and stdout is read with blocking `read(2)` into a reused buffer.
package final class StreamingProcess {
    /// Why a child could not be run or did not succeed.
    package enum Failure: Error, CustomStringConvertible, Equatable {
        case spawn(executable: String, errno: Int32)
        case exited(command: String, status: Int32, stderr: String)
        case signalled(command: String, signal: Int32)
        case read(command: String, errno: Int32)

        package var description: String {
            switch self {
            case .spawn(let executable, let code):
                return "cannot run \(executable): \(String(cString: strerror(code)))"
            case .exited(let command, let status, let stderr):
                let detail = stderr.split(separator: "\n").first.map { ": \($0)" } ?? ""
                return "\(command) exited with status \(status)\(detail)"
            case .signalled(let command, let signal):
                return "\(command) was killed by signal \(signal)"
            case .read(let command, let code):
                return "cannot read the output of \(command): \(String(cString: strerror(code)))"
            }
        }
    }

    /// The command as an error message names it: whole when short, else its first arguments and
    /// how many more (a `git show` of hundreds of commits must not fill the terminal).
    package static func commandLine(_ executable: String, _ arguments: [String]) -> String {
        let whole = ([executable] + arguments).joined(separator: " ")
        guard whole.count > 200, arguments.count > 6 else { return whole }
        let head = ([executable] + arguments.prefix(6)).joined(separator: " ")
        return "\(head) … (\(arguments.count - 6) more arguments)"
    }

    private let pid: pid_t
    private let stdoutFD: Int32
    private let stderrCollector: StderrCollector
    private let commandLine: String
    private var reaped = false

    /// Starts `executable` (looked up on `PATH`) with `arguments`.
    ///
    /// - Parameters:
    ///   - environment: the child's whole environment.
    ///     (There is no working-directory option: `posix_spawn_file_actions_addchdir_np`
    ///     is not exported on every libc; run git with `-C DIR` instead.)
    ///   - standardInput: a file to read stdin from (default: `/dev/null`).
    /// - Throws: `Failure.spawn` when the program cannot be started.
    package init(
        executable: String, arguments: [String], environment: [String: String], standardInput: String? = nil
    ) throws {
        commandLine = Self.commandLine(executable, arguments)
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        Self.spawning.lock()
        defer { Self.spawning.unlock() }
        guard Self.closeOnExecPipe(&outPipe) else { throw Failure.spawn(executable: executable, errno: errno) }
        guard Self.closeOnExecPipe(&errPipe) else {
            close(outPipe[0])
            close(outPipe[1])
            throw Failure.spawn(executable: executable, errno: errno)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInput ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in [outPipe[0], outPipe[1], errPipe[0], errPipe[1]] {
            posix_spawn_file_actions_addclose(&actions, fd)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let status = posix_spawnp(&child, executable, &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard status == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw Failure.spawn(executable: executable, errno: status)
        }
        pid = child
        stdoutFD = outPipe[0]
        stderrCollector = StderrCollector(fd: errPipe[0])
    }

    /// Held from making a child's pipes until it is started: a child another thread starts
    /// meanwhile must not inherit them. One that held this child's stdout open would keep its
    /// reader from ever seeing the end (two git processes started at once, one read only after
    /// the other ends, wait for each other). Pipes are made close-on-exec while it is held; the
    /// child's own ends are duplicated onto 1 and 2, which keeps them across exec.
    private static let spawning = NSLock()

    private static func closeOnExecPipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    deinit {
        if !reaped {
            close(stdoutFD)
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            stderrCollector.wait()
        }
    }

    /// Reads stdout to its end, handing each chunk read to `body` (the buffer is reused).
    /// - Throws: `Failure.read` on an I/O error, or what `body` throws.
    package func readOutput(chunkSize: Int = 1 << 16, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }
        while true {
            let count = read(stdoutFD, buffer, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure.read(command: commandLine, errno: errno)
            }
            if count == 0 { return }
            try body(UnsafeBufferPointer(start: buffer, count: count))
        }
    }

    /// Reads all of stdout into memory: for small outputs only.
    package func readAllOutput() throws -> [UInt8] {
        var bytes: [UInt8] = []
        try readOutput { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Stops the child early: closes our end of its stdout (SIGPIPE), then SIGTERM, then SIGKILL.
    package func stop() {
        guard !reaped else { return }
        close(stdoutFD)
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid {
                finishReap()
                return
            }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
        finishReap()
    }

    private func finishReap() {
        reaped = true
        stderrCollector.wait()
    }

    /// Waits for the child and checks that it succeeded; call after reading stdout.
    /// - Returns: what the child wrote on stderr.
    /// - Throws: `Failure.exited` or `Failure.signalled`.
    @discardableResult
    package func waitForSuccess() throws -> String {
        let status = try waitForStatus()
        guard status == 0 else {
            throw Failure.exited(command: commandLine, status: status, stderr: stderrCollector.text)
        }
        return stderrCollector.text
    }

    /// Waits for the child and returns its exit status.
    /// - Throws: `Failure.signalled` when a signal ended it.
    package func waitForStatus() throws -> Int32 {
        precondition(!reaped, "waited twice for the same process")
        close(stdoutFD)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        finishReap()
        let signal = status & 0x7f
        if signal != 0 { throw Failure.signalled(command: commandLine, signal: signal) }
        return (status >> 8) & 0xff
    }

    /// The stderr text collected so far (complete after waiting).
    package var standardError: String { stderrCollector.text }

    /// Runs a command to completion and returns its stdout (small outputs only).
    package static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]
    ) throws -> (status: Int32, output: [UInt8], error: String) {
        let process = try StreamingProcess(executable: executable, arguments: arguments, environment: environment)
        let output = try process.readAllOutput()
        let status = try process.waitForStatus()
        return (status, output, process.standardError)
    }
}

/// Drains a child's stderr on a dedicated thread so the child never blocks on a full pipe.
private final class StderrCollector: @unchecked Sendable {
    // Invariant: `data` is written only by the reader thread before `done` is
    // signalled, and read only after `wait()` returned or under `lock`.
    private var data: [UInt8] = []
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var waited = false
    /// At most this much of stderr is kept (the rest is read and dropped).
    private let limit = 1 << 20

    init(fd: Int32) {
        let thread = Thread { [self] in
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 4096)
            defer { buffer.deallocate() }
            while true {
                let count = read(fd, buffer, 4096)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                lock.lock()
                if data.count < limit { data.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count)) }
                lock.unlock()
            }
            close(fd)
            done.signal()
        }
        thread.start()
    }

    func wait() {
        lock.lock()
        let already = waited
        waited = true
        lock.unlock()
        if !already { done.wait() }
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
