import Support

/// The identity a session-log record is counted under (`SessionDelta.records`, `SessionBuilder.beginRecord`):
/// the record's own id when its format gives it one, else the bytes of its line (FORMATS.md's usage note:
/// "uuid / message.id+requestId / line hash"). Ids and lines hash apart, so an id never stands for a line.
enum RecordIdentity {
    /// Set on the hash of an id, so that an id and a line with the same bytes differ.
    private static let idSalt: UInt64 = 0x9e37_79b9_7f4a_7c15

    /// Of a record's id (Claude `uuid`, Copilot event `id`, Gemini message `id`, Cline `ts`, …).
    static func of(id: String) -> UInt64 { StableHash.of(id) ^ idSalt }

    /// Of a string value used as an id, as scanned: its raw bytes are its text unless it has escapes.
    static func of(id value: JSONView) -> UInt64? {
        guard value.kind == .string else { return nil }
        if !value.isEscaped { return StableHash.of(value.raw) ^ idSalt }
        return value.string.map(of(id:))
    }

    /// Of a whole line, for a record that has no id.
    static func of(line bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { StableHash.of(bytes) }
}
