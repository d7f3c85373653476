import Support

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The value shapes several log formats share, read from a `JSONView` as a lenient
/// `Decodable` would read them (a value of another shape reads as nil or empty, never fails the line).
extension JSONView {
    /// Text given either as a string or as an array of `{"type":"text","text":…}` parts
    /// (Claude tool results, Gemini content, Codex messages): the parts' texts joined by
    /// newlines. nil for null; "" for anything else, and for an array with an element that
    /// is not an object.
    var flexibleText: String? {
        switch kind {
        case .null: return nil
        case .string: if let text = string { return text }
        case .array: if let parts = textParts { return parts.compactMap { $0["text"]?.string }.joined(separator: "\n") }
        default: break
        }
        return ""
    }

    /// The elements of an array of objects; nil when it is not one.
    private var textParts: [JSONView]? {
        var parts: [JSONView] = []
        for element in elements {
            guard element.isObject else { return nil }
            parts.append(element)
        }
        return parts
    }

    /// Every string inside the value, depth first (for tool arguments and results of unknown
    /// shape). Of an object's members with the same name, the first counts.
    var allStrings: [String] { allStrings { _ in true } }

    /// `allStrings` without the string values `keep` turns down (they are not decoded).
    func allStrings(keeping keep: (JSONView) -> Bool) -> [String] {
        var strings: [String] = []
        collectStrings(into: &strings, keep)
        return strings
    }

    private func collectStrings(into strings: inout [String], _ keep: (JSONView) -> Bool) {
        switch kind {
        case .string:
            if keep(self), let text = string { strings.append(text) }
        case .array:
            for element in elements { element.collectStrings(into: &strings, keep) }
        case .object:
            guard isObject else { return }
            var names: Set<String> = []
            for (name, value) in members where names.insert(name.string ?? "").inserted {
                value.collectStrings(into: &strings, keep)
            }
        default:
            break
        }
    }

    /// Whether a string's text could hold a `git commit` line, from its bytes alone. Such a
    /// line has `]` right after a hash of at least seven digits 0-9, a-f (or fullwidth ones,
    /// which are not ASCII); escapes other than `\u` stand for none of these, so unless a `\u`
    /// escape stands for a digit, `]` or non-ASCII text, the bytes must show `]` after seven such bytes.
    var mayHoldCommitHash: Bool {
        guard kind == .string, let base = raw.baseAddress else { return false }
        let count = raw.count
        func isHashByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
                || byte >= 0x80
        }
        var start = 7
        while start < count, let found = memchr(base + start, Int32(UInt8(ascii: "]")), count - start) {
            let close = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if (close - 7..<close).allSatisfy({ isHashByte(base[$0]) }) { return true }
            start = close + 1
        }
        // The scan saw every `\u` escape: without one, no escape stands for such a byte.
        guard hasUnicodeEscape else { return false }
        var index = 0
        while index < count, let found = memchr(base + index, Int32(UInt8(ascii: "\\")), count - index) {
            let slash = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            guard slash + 1 < count else { return false }
            if base[slash + 1] == UInt8(ascii: "u") {
                guard slash + 6 <= count, let value = UInt32(String(decoding: UnsafeBufferPointer(start: base + slash + 2, count: 4), as: UTF8.self), radix: 16)
                else { return true }  // a bad escape: let decoding decide
                if value >= 0x80 || value == 0x5D || (0x30...0x39).contains(value) || (0x41...0x46).contains(value)
                    || (0x61...0x66).contains(value)
                {
                    return true
                }
            }
            index = slash + 2
        }
        return false
    }

    /// `mayHoldCommitHash` for a string whose text may itself be JSON with the output in its
    /// strings (Codex 0.39 wraps tool output so): hash digits and `]` are never escaped, so they
    /// show in these bytes too, unless the inner JSON writes them as `\u` escapes, which show
    /// here as `\\u`.
    var mayHoldCommitHashInJSON: Bool {
        if mayHoldCommitHash { return true }
        guard kind == .string, let base = raw.baseAddress else { return false }
        let count = raw.count
        var index = 0
        while index + 2 < count, let found = memchr(base + index, Int32(UInt8(ascii: "\\")), count - index - 2) {
            let slash = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if base[slash + 1] == UInt8(ascii: "\\") && base[slash + 2] == UInt8(ascii: "u") { return true }
            // An escaped backslash is passed over whole: `\\\\u` is a backslash and a `u`, twice escaped.
            index = slash + (base[slash + 1] == UInt8(ascii: "\\") ? 2 : 1)
        }
        return false
    }

    /// The commit hashes `git commit` printed in a string or text-parts value (see
    /// `flexibleText`), without decoding text that cannot hold one.
    var commitHashes: [String] {
        switch kind {
        case .string:
            guard mayHoldCommitHash, let text = string else { return [] }
            return ToolOutputScanner.commitHashes(in: text)
        case .array:
            guard let parts = textParts else { return [] }
            let texts = parts.map { $0["text"] }
            // Joined by newlines, no line spans two parts.
            guard texts.contains(where: { $0?.mayHoldCommitHash ?? false }) else { return [] }
            return ToolOutputScanner.commitHashes(in: texts.compactMap { $0?.string }.joined(separator: "\n"))
        default:
            return []
        }
    }
}
