import Model
import Support

/// Reads `git log -p -U0 --format=%x1e%H` output line by line and keeps only what
/// the review needs: per commit, per file, the added lines with their numbers.
///
/// Bounded and forgiving: binary and submodule entries carry no lines, a line is
/// decoded lossily (non-UTF-8 bytes become U+FFFD) and cut at `maximumLineBytes` (the
/// rest searched for a provider's key, noted in `CommitDiff.Line.secret`),
/// a file keeps at most `maximumLinesPerFile` added lines and a commit at most
/// `maximumLinesPerCommit`, with a note saying what was left out. Removed lines are counted, and
/// kept (as many as added lines may be) only for the files `keepsRemoved` names.
package struct DiffParser {
    package static let maximumLinesPerFile = 2_000
    package static let maximumLinesPerCommit = 20_000
    package static let maximumLineBytes = 2_000
    /// Bumped when what is kept changes: cached diffs of another version are read again.
    /// 2: lines are kept with their secrets redacted (`DiffCache`).
    /// 3: the removed lines of dependency manifests are kept.
    /// 4: a line's rest beyond the cut is searched for a provider's key; cut lines are noted.
    /// 5: a literal naming a path, a URL, an environment variable or a password hash is no secret
    /// (`SecurityCheck.secret`, which the cache's lines keep the verdict of).
    package static let version = 5

    /// Whether a file's removed lines are kept, by its path.
    private let keepsRemoved: @Sendable (String) -> Bool

    private var current: CommitDiff?
    private var file: CommitDiff.File?
    private var fileAddedTotal = 0
    /// Added lines of the file kept cut at `maximumLineBytes`.
    private var fileLinesCut = 0
    private var commitKept = 0
    private var inHunk = false
    private var nextLine = 0
    private var nextRemovedLine = 0
    private var keepingRemoved = false
    private var diffHeaderPath: String?
    private var finished: [CommitDiff] = []

    package init(keepsRemoved: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.keepsRemoved = keepsRemoved
    }

    /// Takes one line of output (without its newline).
    package mutating func line(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let first = bytes.first else { return }
        if first == 0x1E {
            finishCommit()
            let hash = String(decoding: UnsafeBufferPointer(rebasing: bytes[1...]), as: UTF8.self)
            current = CommitDiff(hash: Substring(hash).trimmingWhitespace())
            return
        }
        guard current != nil else { return }
        if inHunk {
            switch first {
            case UInt8(ascii: "+"):
                added(UnsafeBufferPointer(rebasing: bytes[1...]))
                return
            case UInt8(ascii: "-"):
                removed(UnsafeBufferPointer(rebasing: bytes[1...]))
                return
            case UInt8(ascii: "\\"), UInt8(ascii: " "):
                return  // "\ No newline at end of file"; context lines (none with -U0)
            case UInt8(ascii: "@"):
                hunkHeader(bytes)
                return
            default:
                inHunk = false  // the next file's `diff --git` line
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("diff --git ") {
            finishFile()
            diffHeaderPath = Self.pathFromDiffLine(text)
            file = CommitDiff.File(path: diffHeaderPath ?? "")
            fileAddedTotal = 0
            fileLinesCut = 0
        } else if file == nil {
            return  // the blank line after the commit header
        } else if text.hasPrefix("@@") {
            hunkHeader(bytes)
        } else if text.hasPrefix("new file mode") {
            file?.status = .added
            if text.hasSuffix("160000") { file?.submodule = true }
        } else if text.hasPrefix("deleted file mode") {
            file?.status = .deleted
            if text.hasSuffix("160000") { file?.submodule = true }
        } else if text.hasPrefix("index "), text.hasSuffix(" 160000") {
            file?.submodule = true
        } else if text.hasPrefix("rename from ") {
            file?.status = .renamed
            file?.oldPath = Self.unquote(String(text.dropFirst("rename from ".count)))
        } else if text.hasPrefix("rename to ") {
            file?.path = Self.unquote(String(text.dropFirst("rename to ".count)))
        } else if text.hasPrefix("+++ ") {
            // git ends the name with a tab when it holds a space.
            let path = String(text.dropFirst(4).trimmingSuffix("\t"))
            if path != "/dev/null" { file?.path = Self.stripPrefix(Self.unquote(path)) }
        } else if text.hasPrefix("--- ") {
            let path = String(text.dropFirst(4).trimmingSuffix("\t"))
            if path != "/dev/null", file?.status == .deleted { file?.path = Self.stripPrefix(Self.unquote(path)) }
        } else if text.hasPrefix("Binary files ") || text == "GIT binary patch" {
            file?.binary = true
        }
    }

    /// Ends the input and returns every commit read, in the order git printed them.
    package mutating func finish() -> [CommitDiff] {
        finishCommit()
        defer { finished = [] }
        return finished
    }

    /// Hands over the commits completed so far (for a caller that stores them in batches).
    package mutating func takeCompleted() -> [CommitDiff] {
        defer { finished = [] }
        return finished
    }

    private mutating func hunkHeader(_ bytes: UnsafeBufferPointer<UInt8>) {
        // @@ -a[,b] +c[,d] @@
        inHunk = true
        keepingRemoved = file.map { keepsRemoved($0.path) } ?? false
        let text = String(decoding: bytes.prefix(200), as: UTF8.self)
        if let minus = text.firstIndex(of: "-") {
            nextRemovedLine = Int(text[text.index(after: minus)...].prefix { $0.isNumber }) ?? 0
        }
        guard let plus = text.firstIndex(of: "+") else { return }
        let digits = text[text.index(after: plus)...].prefix { $0.isNumber }
        nextLine = Int(digits) ?? 0
    }

    private mutating func removed(_ bytes: UnsafeBufferPointer<UInt8>) {
        let number = nextRemovedLine
        nextRemovedLine += 1
        file?.deletedCount += 1
        guard keepingRemoved, let kept = file?.removed.count, kept < Self.maximumLinesPerFile else { return }
        file?.removed.append(CommitDiff.Line(number: number, text: String(decoding: bytes.prefix(Self.maximumLineBytes), as: UTF8.self)))
    }

    private mutating func added(_ bytes: UnsafeBufferPointer<UInt8>) {
        let number = nextLine
        nextLine += 1
        guard file != nil, file?.submodule == false else { return }
        fileAddedTotal += 1
        guard fileAddedTotal <= Self.maximumLinesPerFile, commitKept < Self.maximumLinesPerCommit else {
            file?.truncated = true
            return
        }
        commitKept += 1
        var line = CommitDiff.Line(number: number, text: String(decoding: bytes.prefix(Self.maximumLineBytes), as: UTF8.self))
        if bytes.count > Self.maximumLineBytes {
            // A long line (a one-line JSON config, a bundle) may hold a key past the cut: the rest is searched,
            // from a little before the cut so that a key across it is found whole.
            fileLinesCut += 1
            line.secret = SecretRedactor.providerKey(in: UnsafeBufferPointer(rebasing: bytes[(Self.maximumLineBytes - 256)...]))
        }
        file?.added.append(line)
    }

    private mutating func finishFile() {
        inHunk = false
        guard var done = file else { return }
        file = nil
        if done.submodule {
            done.added = []
            current?.notes.append("\(done.path): submodule, not read")
        } else if done.binary {
            current?.notes.append("\(done.path): binary, not read")
        } else if done.truncated {
            current?.notes.append("\(done.path): \(done.added.count) of \(fileAddedTotal) added lines read")
        }
        if fileLinesCut > 0 {
            current?.notes.append(
                "\(done.path): \(fileLinesCut) added line\(fileLinesCut == 1 ? "" : "s") longer than \(Self.maximumLineBytes) bytes "
                    + "read in part (the rest searched for keys only)")
        }
        current?.files.append(done)
    }

    private mutating func finishCommit() {
        finishFile()
        if let commit = current { finished.append(commit) }
        current = nil
        commitKept = 0
    }

    /// `diff --git a/X b/Y` → Y (ambiguous with spaces: the `+++`/`rename to` lines correct it).
    static func pathFromDiffLine(_ text: String) -> String? {
        let rest = text.dropFirst("diff --git ".count)
        if rest.hasPrefix("\"") {
            guard let range = rest.range(of: " \"b/", options: .backwards) else { return nil }
            return stripPrefix(unquote(String(rest[rest.index(after: range.lowerBound)...])))
        }
        guard let range = rest.range(of: " b/", options: .backwards) else { return nil }
        return String(rest[range.upperBound...])
    }

    static func stripPrefix(_ path: String) -> String {
        path.hasPrefix("a/") || path.hasPrefix("b/") ? String(path.dropFirst(2)) : path
    }

    /// git's C-style quoting (`"a\"b\tc"`, octal escapes for bytes) undone.
    static func unquote(_ text: String) -> String {
        guard text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 else { return text }
        var bytes: [UInt8] = []
        var characters = Array(text.utf8.dropFirst().dropLast())[...]
        while let byte = characters.popFirst() {
            guard byte == UInt8(ascii: "\\"), let next = characters.popFirst() else {
                bytes.append(byte)
                continue
            }
            switch next {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(next - UInt8(ascii: "0"))
                for _ in 0..<2 {
                    guard let digit = characters.first, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(digit) else { break }
                    characters.removeFirst()
                    value = value * 8 + Int(digit - UInt8(ascii: "0"))
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            default: bytes.append(next)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    /// Without one trailing `suffix`, if it ends with it.
    fileprivate func trimmingSuffix(_ suffix: String) -> Substring {
        hasSuffix(suffix) ? dropLast(suffix.count) : self
    }
}
