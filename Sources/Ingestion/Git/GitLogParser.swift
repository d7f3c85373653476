import Model

/// Turns the NUL-separated pieces of `git log -z --numstat` (with
/// `GitInvocation.logArguments`' format) into commits, one piece at a time.
///
/// The stream is: a header piece (0x1E, nine 0x1F-separated fields, the raw
/// message), then numstat pieces `added<TAB>deleted<TAB>path` — or, for a rename,
/// `added<TAB>deleted<TAB>` followed by two pieces, the old and the new path.
/// The first numstat piece after a header starts with a newline. Only the
/// rename pieces may hold arbitrary bytes, and they are consumed by position,
/// so no path or message can be mistaken for a record boundary.
package struct GitLogParser {
    private enum State {
        case expectHeader
        case files
        case renameFrom(added: Int?, deleted: Int?)
        case renameTo(added: Int?, deleted: Int?, from: String)
    }

    private var state = State.expectHeader
    private var current: Commit?

    package init() {}

    /// Consumes one piece; returns the previous commit when this piece starts a new one.
    /// - Throws: `GitLogParser.Failure` when the piece is not what git writes there.
    package mutating func consume(_ piece: UnsafeBufferPointer<UInt8>) throws(Failure) -> Commit? {
        switch state {
        case .expectHeader:
            guard piece.first == 0x1E else {
                if piece.isEmpty { return nil }
                throw Failure(detail: "expected a commit header")
            }
            current = try Self.header(piece)
            state = .files
            return nil
        case .files:
            if piece.first == 0x1E {
                let finished = current
                current = try Self.header(piece)
                return finished
            }
            var start = 0
            if piece.first == 0x0A { start = 1 }
            if start == piece.count { return nil }
            let (added, deleted, pathStart) = try Self.numstat(piece, from: start)
            if pathStart == piece.count {
                state = .renameFrom(added: added, deleted: deleted)
            } else {
                let path = String(decoding: UnsafeBufferPointer(rebasing: piece[pathStart...]), as: UTF8.self)
                current?.files.append(FileChange(path: path, linesAdded: added, linesDeleted: deleted))
            }
            return nil
        case .renameFrom(let added, let deleted):
            state = .renameTo(added: added, deleted: deleted, from: String(decoding: piece, as: UTF8.self))
            return nil
        case .renameTo(let added, let deleted, let from):
            let path = String(decoding: piece, as: UTF8.self)
            current?.files.append(FileChange(path: path, oldPath: from, linesAdded: added, linesDeleted: deleted))
            state = .files
            return nil
        }
    }

    /// Returns the last commit once the stream has ended.
    package mutating func finish() -> Commit? {
        defer {
            current = nil
            state = .expectHeader
        }
        return current
    }

    /// A piece that is not what git writes at that place.
    package struct Failure: Error, CustomStringConvertible {
        package var detail: String
        package var description: String { detail }
    }

    // MARK: - Pieces

    private static func header(_ piece: UnsafeBufferPointer<UInt8>) throws(Failure) -> Commit {
        var fields: [String] = []
        fields.reserveCapacity(10)
        var start = 1
        var index = 1
        while index < piece.count && fields.count < 9 {
            if piece[index] == 0x1F {
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: piece[start..<index]), as: UTF8.self))
                start = index + 1
            }
            index += 1
        }
        guard fields.count == 9 else { throw Failure(detail: "a commit header with \(fields.count) of 10 fields") }
        let message = String(decoding: UnsafeBufferPointer(rebasing: piece[start...]), as: UTF8.self)
        guard fields[0].utf8.count >= 40 else {
            throw Failure(detail: "a commit header without a hash: \(fields[0].prefix(40))")
        }
        // A date git cannot read (fsck's badDate, in old imported histories) prints as nothing:
        // the commit's other date stands in, and with neither it is stored at 0 (GitIngestor notes how many).
        let author = Int64(fields[4])
        let committer = Int64(fields[8])
        let authorTime = author ?? committer ?? 0
        let committerTime = committer ?? author ?? 0
        let parsed = CommitMessage(message)
        return Commit(
            hash: fields[0], parents: fields[1].split(separator: " ").map(String.init), authorName: fields[2],
            authorEmail: fields[3], authorTime: authorTime, authorOffsetMinutes: offsetMinutes(fields[5]),
            committerName: fields[6], committerEmail: fields[7], committerTime: committerTime,
            subject: parsed.subject, body: parsed.body, trailers: parsed.trailers)
    }

    /// `+0530` → 330, `-0600` → -360; anything else → 0.
    static func offsetMinutes(_ text: String) -> Int {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") else { return 0 }
        var digits: [Int] = []
        for byte in bytes[1...] {
            guard byte >= 0x30 && byte <= 0x39 else { return 0 }
            digits.append(Int(byte - 0x30))
        }
        let minutes = (digits[0] * 10 + digits[1]) * 60 + digits[2] * 10 + digits[3]
        return bytes[0] == UInt8(ascii: "-") ? -minutes : minutes
    }

    /// Reads `added<TAB>deleted<TAB>`; `-` stands for a binary file.
    private static func numstat(_ piece: UnsafeBufferPointer<UInt8>, from start: Int) throws(Failure) -> (
        Int?, Int?, Int
    ) {
        var index = start
        func number() throws(Failure) -> Int? {
            if index < piece.count && piece[index] == UInt8(ascii: "-") {
                index += 1
                guard index < piece.count, piece[index] == 0x09 else { throw Failure(detail: "a malformed numstat") }
                index += 1
                return nil
            }
            var value = 0
            let first = index
            while index < piece.count, piece[index] >= 0x30, piece[index] <= 0x39 {
                value = value &* 10 &+ Int(piece[index] - 0x30)
                index += 1
            }
            guard index > first, index < piece.count, piece[index] == 0x09 else {
                throw Failure(detail: "a malformed numstat line")
            }
            index += 1
            return value
        }
        let added = try number()
        let deleted = try number()
        return (added, deleted, index)
    }
}
