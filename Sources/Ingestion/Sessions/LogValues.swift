import Support

/// The value shapes several log formats share, read from a `JSONValue` as a lenient
/// `Decodable` would read them (a value of another shape reads as nil or empty, never fails the line).
extension JSONValue {
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
    private var textParts: [JSONValue]? {
        var parts: [JSONValue] = []
        for element in elements {
            guard element.isObject else { return nil }
            parts.append(element)
        }
        return parts
    }

    /// Every string inside the value, depth first (for tool arguments and results of unknown
    /// shape). Of an object's members with the same name, the first counts.
    var allStrings: [String] {
        var strings: [String] = []
        collectStrings(into: &strings)
        return strings
    }

    private func collectStrings(into strings: inout [String]) {
        switch kind {
        case .string:
            if let text = string { strings.append(text) }
        case .array:
            for element in elements { element.collectStrings(into: &strings) }
        case .object:
            guard isObject else { return }
            var names: Set<String> = []
            for (name, value) in members where names.insert(name.string ?? "").inserted {
                value.collectStrings(into: &strings)
            }
        default:
            break
        }
    }

    /// Whether a string's text could pass `ToolOutputScanner.commitHashes`' first check (it
    /// contains `] ` or ends with `]`), looking at its bytes only: `]` and space are never
    /// escaped except as `\u`, so without `\u` the bytes tell.
    var mayHoldCommitLine: Bool {
        let bytes = raw
        guard kind == .string, let last = bytes.last else { return false }
        if last == UInt8(ascii: "]") { return true }
        var index = 0
        while index + 1 < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "]") && bytes[index + 1] == UInt8(ascii: " ") { return true }
            if byte == UInt8(ascii: "\\") {
                if isEscaped && bytes[index + 1] == UInt8(ascii: "u") { return true }
                index += 2
                continue
            }
            index += 1
        }
        return false
    }

    /// The commit hashes `git commit` printed in a string or text-parts value (see
    /// `flexibleText`), without decoding text that cannot hold one.
    var commitHashes: [String] {
        switch kind {
        case .string:
            guard mayHoldCommitLine, let text = string else { return [] }
            return ToolOutputScanner.commitHashes(in: text)
        case .array:
            guard let parts = textParts else { return [] }
            let texts = parts.map { $0["text"] }
            // Joined by newlines, the text passes the check when one part holds `] ` or the last ends with `]`.
            guard texts.contains(where: { $0?.mayHoldCommitLine ?? false }) else { return [] }
            return ToolOutputScanner.commitHashes(in: texts.compactMap { $0?.string }.joined(separator: "\n"))
        default:
            return []
        }
    }
}
