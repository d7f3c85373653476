import Support

/// A JSON text that `JSONDecoder` refused: whether it is several arrays or objects one after
/// another (`gh api --paginate`'s pages, JSON Lines), and else where it stops being JSON.
enum JSONPages {
    /// `bytes` as a `JSONValue`, read with `JSONScanner` (one pass, no decoder errors thrown and
    /// caught for every value as `JSONValue`'s `Decodable` conformance does: most of an export's
    /// read time); nil for anything the scanner does not read as JSONDecoder would (not UTF-8,
    /// invalid JSON, a number a Double cannot hold), which `JSONDecoder` then reads or refuses.
    static func value(_ bytes: [UInt8]) -> JSONValue? {
        var scanner = JSONScanner()
        return try? bytes.withUnsafeBufferPointer { buffer throws(JSONScanner.Failure) in
            try scanner.scan(buffer, validatingUTF8: true) { convert($0) }
        } ?? nil
    }

    private static func convert(_ view: JSONView) -> JSONValue? {
        switch view.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .string: return view.strictString.map(JSONValue.string)
        case .number:
            guard let number = Double(String(decoding: view.raw, as: UTF8.self)), number.isFinite else { return nil }
            return .number(number)
        case .array:
            var items: [JSONValue] = []
            for element in view.elements {
                guard let item = convert(element) else { return nil }
                items.append(item)
            }
            return .array(items)
        case .object:
            guard view.isObject else { return nil }
            var members: [String: JSONValue] = [:]
            for (name, member) in view.members {
                guard let key = name.strictString, let value = convert(member) else { return nil }
                // As JSONDecoder reads an object with a name twice: the first counts.
                if members[key] == nil { members[key] = value }
            }
            return .object(members)
        }
    }

    /// The byte ranges of the top-level arrays and objects of `bytes`, when it is nothing but such
    /// values and white space between them (a byte-order mark first is passed over); nil otherwise.
    static func split(_ bytes: [UInt8]) -> [Range<Int>]? {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var pages: [Range<Int>] = []
        var depth = 0
        var start = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if depth == 0 { start = index }
                    depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    guard depth > 0 else { return nil }
                    depth -= 1
                    if depth == 0 { pages.append(start..<(index + 1)) }
                case UInt8(ascii: "\""):
                    guard depth > 0 else { return nil }
                    inString = true
                case 0x20, 0x0A, 0x0D, 0x09: break
                default: guard depth > 0 else { return nil }
                }
            }
            index += 1
        }
        return depth == 0 && !inString && !pages.isEmpty ? pages : nil
    }

    /// The byte offset where `bytes` stops being one JSON text; nil when it is one (or not UTF-8
    /// text the scanner can place).
    static func syntaxError(_ bytes: [UInt8]) -> Int? {
        var scanner = JSONScanner()
        do {
            try bytes.withUnsafeBufferPointer { buffer throws(JSONScanner.Failure) in try scanner.scan(buffer) { _ in () } }
            return nil
        } catch {
            switch error {
            case .syntax(let offset), .invalidUTF8(let offset), .tooDeep(let offset): return offset
            }
        }
    }

    /// `line 3, column 7` of a byte offset (columns count characters, from 1).
    static func place(of offset: Int, in bytes: [UInt8]) -> String {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return "line \(line), column \(column)"
    }
}
