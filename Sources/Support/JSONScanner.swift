/// Reads one JSON text in a single pass into a flat list of its values, so that a caller
/// can pick the few members it needs and decode only those; everything else is skipped
/// without being copied or unescaped.
///
/// What it accepts is what Foundation's `JSONDecoder` accepts when it decodes a keyed
/// container, so that a line it took is still taken and one it refused is still refused:
/// the RFC 8259 grammar, checked as `JSONDecoder` checks it before decoding anything —
/// strings are only scanned for their closing quote (`\` skips one byte, `\u` five),
/// numbers only for their characters (`-`, digits, `.`, `e`, `E`, `+`), member names are
/// decoded in full, a trailing comma before `}` or `]` is allowed, one leading byte order
/// mark is skipped, and at most 512 levels of nesting. A string or number whose content
/// is invalid (a raw control character, a bad escape, `01`) fails only
/// when it is decoded: `string` or `int` is then nil, as `decodeIfPresent` wrapped in
/// `try?` gives nil. One departure: a lone UTF-16 surrogate escape (`"\ud83d"` alone, which
/// Node's `JSON.stringify` writes when a cut splits an emoji) reads as U+FFFD in `string`, so a
/// prompt holding one is kept; JSONDecoder fails such a string (`strictString` does too, and a
/// member name holding one still makes its object one JSONDecoder cannot open).
/// Bytes are checked for UTF-8 only in what is decoded, unless asked
/// (`validatingUTF8`): then a text that is read is UTF-8 throughout.
///
/// Reuse one scanner for many lines: its storage is kept between them.
package struct JSONScanner {
    /// Why a text is not JSON: the byte offset where reading stopped.
    package enum Failure: Error, Equatable {
        case syntax(offset: Int)
        /// A string holds bytes that are not UTF-8 (only when validating).
        case invalidUTF8(offset: Int)
        /// Nesting deeper than `maximumDepth`.
        case tooDeep(offset: Int)
    }

    /// `JSONDecoder`'s limit: a value nested 512 levels deep is read, one at 513 is refused.
    package static let maximumDepth = 512

    private var tokens: [JSONView.Token] = []
    private var open: [Int] = []

    package init() {}

    /// Reads `bytes` and hands its value to `body`; the value and everything reached from it
    /// are valid only inside `body` (they point into `bytes` and into this scanner).
    /// - Parameter validatingUTF8: also check that the strings are UTF-8 (the rest of a JSON
    ///   text is ASCII), as one pass with the scan.
    package mutating func scan<Result>(
        _ bytes: UnsafeBufferPointer<UInt8>, validatingUTF8: Bool = false, _ body: (JSONView) -> Result
    ) throws(Failure) -> Result {
        try tokenize(bytes, validatingUTF8: validatingUTF8)
        return tokens.withUnsafeBufferPointer { body(JSONView(bytes: bytes, tokens: $0, index: 0)) }
    }

    private enum State {
        case value, key, afterValue
    }

    private mutating func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, validatingUTF8: Bool) throws(Failure) {
        tokens.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
        guard let base = bytes.baseAddress else { throw .syntax(offset: 0) }
        let count = bytes.count
        var i = 0
        if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { i = 3 }
        var state = State.value
        var needsUTF8Check = false
        // Whether the innermost open container is an object (kept here: read after every value).
        var inObject = false
        while true {
            while i < count, Self.isWhitespace(base[i]) { i += 1 }
            switch state {
            case .value:
                guard i < count else { throw .syntax(offset: i) }
                let byte = base[i]
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard open.count < Self.maximumDepth else { throw .tooDeep(offset: i) }
                    let isObject = byte == UInt8(ascii: "{")
                    open.append(tokens.count)
                    tokens.append(.init(kind: isObject ? .object : .array, start: i, end: i, next: 0))
                    i += 1
                    while i < count, Self.isWhitespace(base[i]) { i += 1 }
                    if i < count && base[i] == byte + 2 {  // `}` and `]` are two after `{` and `[`
                        inObject = close(at: i)
                        i += 1
                        state = .afterValue
                    } else {
                        inObject = isObject
                        state = isObject ? .key : .value
                    }
                case UInt8(ascii: "\""):
                    let (end, escaped, unicodeEscaped) = try Self.stringEnd(
                        base, count, from: i + 1, validatingUTF8: validatingUTF8, needsUTF8Check: &needsUTF8Check)
                    tokens.append(
                        .init(
                            kind: .string, escaped: escaped, unicodeEscaped: unicodeEscaped, start: i + 1, end: end,
                            next: tokens.count + 1))
                    i = end + 1
                    state = .afterValue
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    var end = i + 1
                    while end < count, Self.isNumberByte(base[end]) { end += 1 }
                    tokens.append(.init(kind: .number, start: i, end: end, next: tokens.count + 1))
                    i = end
                    state = .afterValue
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    let (kind, word): (JSONView.Kind, StaticString) =
                        byte == UInt8(ascii: "t") ? (.true, "true") : byte == UInt8(ascii: "f") ? (.false, "false") : (.null, "null")
                    guard Self.matches(word, base + i, count - i) else { throw .syntax(offset: i) }
                    tokens.append(.init(kind: kind, start: i, end: i + word.utf8CodeUnitCount, next: tokens.count + 1))
                    i += word.utf8CodeUnitCount
                    state = .afterValue
                default:
                    throw .syntax(offset: i)
                }
            case .key:
                guard i < count, base[i] == UInt8(ascii: "\"") else { throw .syntax(offset: i) }
                let (end, escaped, unicodeEscaped) = try Self.stringEnd(
                    base, count, from: i + 1, validatingUTF8: validatingUTF8, needsUTF8Check: &needsUTF8Check)
                let key = JSONView.Token(
                    kind: .string, escaped: escaped, unicodeEscaped: unicodeEscaped, start: i + 1, end: end, next: tokens.count + 1)
                // JSONDecoder decodes all the names of an object it opens: one it cannot decode fails that object.
                if !JSONView.isDecodable(UnsafeBufferPointer(start: base + key.start, count: end - key.start), escaped: escaped),
                    let object = open.last
                {
                    tokens[object].undecodableName = true
                }
                tokens.append(key)
                i = end + 1
                while i < count, Self.isWhitespace(base[i]) { i += 1 }
                guard i < count, base[i] == UInt8(ascii: ":") else { throw .syntax(offset: i) }
                i += 1
                state = .value
            case .afterValue:
                guard !open.isEmpty else {
                    guard i == count else { throw .syntax(offset: i) }
                    if needsUTF8Check && !UTF8Validation.isValid(bytes) { throw .invalidUTF8(offset: 0) }
                    return
                }
                guard i < count else { throw .syntax(offset: i) }
                let isObject = inObject
                let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if base[i] == UInt8(ascii: ",") {
                    i += 1
                    while i < count, Self.isWhitespace(base[i]) { i += 1 }
                    if i < count && base[i] == closing {  // a trailing comma, as JSONDecoder allows
                        inObject = close(at: i)
                        i += 1
                    } else {
                        state = isObject ? .key : .value
                    }
                } else if base[i] == closing {
                    inObject = close(at: i)
                    i += 1
                } else {
                    throw .syntax(offset: i)
                }
            }
        }
    }

    /// Ends the innermost open container at its closing bracket at `offset`.
    /// - Returns: whether the container it was in is an object.
    private mutating func close(at offset: Int) -> Bool {
        let index = open.removeLast()
        tokens[index].end = offset + 1
        tokens[index].next = tokens.count
        guard let outer = open.last else { return false }
        return tokens[outer].kind == .object
    }

    /// The offset of the quote that closes a string whose content starts at `start`, whether the
    /// content has escapes, and whether one of them is a `\u` escape. `\` skips the next byte, `\u` the next five (no quote among them).
    @inline(__always)
    private static func stringEnd(
        _ base: UnsafePointer<UInt8>, _ count: Int, from start: Int, validatingUTF8: Bool, needsUTF8Check: inout Bool
    ) throws(Failure) -> (end: Int, escaped: Bool, unicodeEscaped: Bool) {
        // Most strings (member names, ids, types, times) are short and plain: their closing quote
        // is the first byte that needs care, found here a word at a time without a call.
        var i = start
        while i + 8 <= count && i < start + 48 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // The lowest set bit of each part is exact, so the lowest of all is the first such byte.
            let special = zeroBytes(word ^ 0x2222_2222_2222_2222) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C)
                | (word & 0x8080_8080_8080_8080)
            if special != 0 {
                let end = i + special.trailingZeroBitCount / 8
                if base[end] == UInt8(ascii: "\"") { return (end, false, false) }
                break
            }
            i += 8
        }
        // The bytes before `i` are plain: the rest is read as if the string started there.
        return try longStringEnd(base, count, from: i, validatingUTF8: validatingUTF8, needsUTF8Check: &needsUTF8Check)
    }

    /// `stringEnd` past the first word.
    private static func longStringEnd(
        _ base: UnsafePointer<UInt8>, _ count: Int, from start: Int, validatingUTF8: Bool, needsUTF8Check: inout Bool
    ) throws(Failure) -> (end: Int, escaped: Bool, unicodeEscaped: Bool) {
        var i = start
        var escaped = false
        var unicodeEscaped = false
        while true {
            i = plainBlocks(base, count, from: i, validatingUTF8: validatingUTF8, escaped: &escaped)
            if i < 0 { return (~i, escaped, unicodeEscaped) }
            i = nextSpecial(base, count, from: i, nonASCII: validatingUTF8)
            guard i < count else { throw .syntax(offset: count) }
            if base[i] == UInt8(ascii: "\"") { return (i, escaped, unicodeEscaped) }
            if validatingUTF8 && base[i] >= 0x80 {
                guard let length = UTF8Validation.sequenceLength(base, count, at: i) else { throw .invalidUTF8(offset: i) }
                i += length
                continue
            }
            escaped = true
            if i + 1 < count && base[i + 1] < 0x80 && base[i + 1] != UInt8(ascii: "u") {
                i += 2  // the common escape: `\n`, `\"`, `\\`, …
                continue
            }
            let skipped: Range<Int>
            if i + 1 < count && base[i + 1] == UInt8(ascii: "u") {
                // JSONDecoder takes the four bytes after `\u` as the escape's: a quote among them fails the text.
                guard i + 6 <= count, !(2..<6).contains(where: { base[i + $0] == UInt8(ascii: "\"") }) else {
                    throw .syntax(offset: i)
                }
                skipped = (i + 2)..<(i + 6)
                unicodeEscaped = true
            } else {
                skipped = (i + 1)..<min(i + 2, count)
            }
            i = skipped.upperBound
            if validatingUTF8 && skipped.contains(where: { base[$0] >= 0x80 }) {
                // A bad escape of non-ASCII text: its bytes are checked with the whole text at the end;
                // the rest of a character it cut is passed over here.
                needsUTF8Check = true
                while i < count && base[i] & 0xC0 == 0x80 { i += 1 }
            }
        }
    }

    /// Passes over string content sixteen bytes at a time (SSE2 on x86-64), common escapes and
    /// well-formed UTF-8 included, so that text with a `\n`, a `\"` or a non-ASCII character every
    /// few words is not left to the byte-wise steps of `stringEnd` at each of them. Passed over:
    /// bytes other than `"` and `\`, and escapes that are a `\` followed by an ASCII byte other
    /// than `\` and `u`. Left to the byte-wise steps: `\\`, `\u`, an escaped non-ASCII byte,
    /// (when validating) ill-formed UTF-8, and the last bytes (fewer than seventeen).
    /// - Returns: the offset where the byte-wise steps are to go on (at a backslash, when one
    ///   escapes the byte there), or, when the closing quote was found, its offset's complement
    ///   (negative).
    @inline(__always)
    private static func plainBlocks(
        _ base: UnsafePointer<UInt8>, _ count: Int, from: Int, validatingUTF8: Bool, escaped: inout Bool
    ) -> Int {
        var i = from
        let raw = UnsafeRawPointer(base)
        let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let u = SIMD16<UInt8>(repeating: UInt8(ascii: "u"))
        let zero = SIMD16<Int8>(repeating: 0)
        let checkHigh = SIMDMask<SIMD16<Int8>>(repeating: validatingUTF8)
        var afterFirst = SIMDMask<SIMD16<Int8>>(repeating: true)
        afterFirst[0] = false
        // Each byte is compared with the byte before it (a second load one byte earlier) to tell
        // escaped bytes. The byte before `from` escapes nothing (what was passed over ends with
        // whole escapes, or is the opening quote); before a later block it is one checked here.
        var notFirst = afterFirst
        var seenBackslashes = SIMDMask<SIMD16<Int8>>(repeating: false)
        while i + 16 <= count {
            let bytes = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            let before = raw.loadUnaligned(fromByteOffset: i - 1, as: SIMD16<UInt8>.self)
            let escapedLanes = (before .== backslash) .& notFirst
            let isBackslash = bytes .== backslash
            let high = unsafeBitCast(bytes, to: SIMD16<Int8>.self) .< zero
            let ends = (bytes .== quote) .& .!escapedLanes
            let hard = escapedLanes .& (isBackslash .| (bytes .== u) .| high)
            let nonASCII = high .& checkHigh .& .!escapedLanes
            if isEmpty(ends .| hard .| nonASCII) {
                seenBackslashes = seenBackslashes .| isBackslash
                notFirst = SIMDMask(repeating: true)
                i += 16
                continue
            }
            // One byte per lane telling what stopped there (lanes are of one kind at most: an
            // escaped byte is neither an end nor a character), read as two words.
            let kinds = SIMD16<UInt8>(repeating: 0).replacing(with: 8, where: isBackslash)
                .replacing(with: 4, where: nonASCII).replacing(with: 2, where: hard).replacing(with: 1, where: ends)
            let halves = unsafeBitCast(kinds, to: SIMD2<UInt64>.self)
            let stops = (halves[0] & 0x0707_0707_0707_0707, halves[1] & 0x0707_0707_0707_0707)
            let inFirst = stops.0 != 0
            let shift = (inFirst ? stops.0 : stops.1).trailingZeroBitCount & ~7
            let at = i + (inFirst ? 0 : 8) + shift / 8
            let kind = ((inFirst ? halves[0] : halves[1]) >> UInt64(shift)) & 7
            // Backslashes before the stop: whole words before it, and the bytes below it in its word.
            let below = (inFirst ? halves[0] : halves[1]) & ((1 << UInt64(shift)) &- 1)
            let backslashesBefore = (below | (inFirst ? 0 : halves[0])) & 0x0808_0808_0808_0808 != 0
            if kind == 1 {
                escaped = escaped || backslashesBefore || !isEmpty(seenBackslashes)
                return ~at
            }
            if backslashesBefore { seenBackslashes = SIMDMask(repeating: true) }
            // Characters of well-formed UTF-8 (often several in a row: box drawing, other scripts):
            // passed over here, blocks again after them.
            if kind == 4, let length = UTF8Validation.sequenceLength(base, count, at: at) {
                i = at + length
                while i < count && base[i] >= 0x80, let next = UTF8Validation.sequenceLength(base, count, at: i) { i += next }
                notFirst = afterFirst
                continue
            }
            // An escape the byte-wise steps read (from its backslash), or bytes that are not UTF-8.
            escaped = escaped || !isEmpty(seenBackslashes)
            return kind == 2 ? at - 1 : at
        }
        escaped = escaped || !isEmpty(seenBackslashes)
        // After a checked block that ends with a backslash, its escape is read byte-wise.
        return notFirst[0] && base[i - 1] == UInt8(ascii: "\\") ? i - 1 : i
    }

    /// Whether no lane of `mask` is set (one test of both halves; `any` is reduced lane by lane).
    @inline(__always)
    private static func isEmpty(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let halves = unsafeBitCast(SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: mask), to: SIMD2<UInt64>.self)
        return halves[0] | halves[1] == 0
    }

    /// The high bit of each byte of `word` that equals the byte repeated in `pattern`, exactly.
    @inline(__always)
    private static func equalBytes(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let difference = word ^ pattern
        return ~(((difference & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | difference) & 0x8080_8080_8080_8080
    }

    /// The first offset at or after `from` holding `"` or `\` (or, when asked, a byte of 0x80 or
    /// above), or `count`; eight bytes at a time.
    @inline(__always)
    private static func nextSpecial(_ base: UnsafePointer<UInt8>, _ count: Int, from: Int, nonASCII: Bool) -> Int {
        var i = from
        let raw = UnsafeRawPointer(base)
        let highBits: UInt64 = nonASCII ? 0x8080_8080_8080_8080 : 0
        while i + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let found = zeroBytes(word ^ 0x2222_2222_2222_2222) | zeroBytes(word ^ 0x5C5C_5C5C_5C5C_5C5C) | (word & highBits)
            if found != 0 { return i + found.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < count && base[i] != UInt8(ascii: "\"") && base[i] != UInt8(ascii: "\\") && !(nonASCII && base[i] >= 0x80) {
            i += 1
        }
        return i
    }

    /// The high bit of each byte of `word` that is zero. Bits above the lowest zero byte may
    /// be wrong (a borrow), so only the lowest set bit is to be trusted.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    @inline(__always)
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    @inline(__always)
    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    private static func matches(_ word: StaticString, _ at: UnsafePointer<UInt8>, _ available: Int) -> Bool {
        let length = word.utf8CodeUnitCount
        guard available >= length else { return false }
        for offset in 0..<length where at[offset] != word.utf8Start[offset] { return false }
        return true
    }
}

/// Member names to look up together with `JSONView.members(_:)`, prepared once.
package struct JSONNames: Sendable {
    private let names: [[UInt8]]
    /// The slots of the names of each length (most names in an object are told apart by length).
    private let byLength: [[Int]]

    package init(_ names: [String]) {
        self.names = names.map { Array($0.utf8) }
        var byLength = [[Int]](repeating: [], count: (self.names.map(\.count).max() ?? 0) + 1)
        for (slot, name) in self.names.enumerated() { byLength[name.count].append(slot) }
        self.byLength = byLength
    }

    package var count: Int { names.count }

    /// The slot of the name spelled by `bytes`, if it is one of these.
    func slot<Bytes: Collection<UInt8>>(of bytes: Bytes) -> Int? {
        guard bytes.count < byLength.count else { return nil }
        for slot in byLength[bytes.count] where names[slot].elementsEqual(bytes) { return slot }
        return nil
    }
}

/// One value of a text read by `JSONScanner`: a position in its list of values. Valid only
/// inside the `scan` call that made it; it copies nothing until asked to decode.
package struct JSONView {
    package enum Kind: UInt8, Sendable {
        case object, array, string, number, `true`, `false`, null
    }

    struct Token {
        var kind: Kind
        /// Strings: whether the content has escapes.
        var escaped = false
        /// Strings: whether an escape is a `\u` escape (the scan reads escapes as decoding does).
        var unicodeEscaped = false
        /// Objects: whether a member name cannot be decoded (JSONDecoder then cannot open it).
        var undecodableName = false
        /// Strings: the first byte after the opening quote; the others: their first byte.
        var start: Int
        /// Strings: the closing quote; the others: just after their last byte.
        var end: Int
        /// The index of the value after this one and everything inside it.
        var next: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let tokens: UnsafeBufferPointer<Token>
    private let index: Int

    init(bytes: UnsafeBufferPointer<UInt8>, tokens: UnsafeBufferPointer<Token>, index: Int) {
        self.bytes = bytes
        self.tokens = tokens
        self.index = index
    }

    private var token: Token { tokens[index] }

    package var kind: Kind { token.kind }

    /// Whether this is an object JSONDecoder can open: all its member names decode. Lookups
    /// in any other value find nothing.
    package var isObject: Bool { token.kind == .object && !token.undecodableName }

    /// The value's own bytes: a string's content without its quotes (escapes as written),
    /// any other value's text.
    package var raw: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
    }

    /// Whether a string's content has escapes (its `raw` bytes are then not its text).
    package var isEscaped: Bool { token.escaped }

    /// Whether a string's content has a `\u` escape (its other escapes stand for ASCII bytes).
    package var hasUnicodeEscape: Bool { token.unicodeEscaped }

    // MARK: Objects

    /// The value of the first member named `name` (as JSONDecoder, the first of duplicates counts).
    package subscript(name: StaticString) -> JSONView? {
        guard isObject, let base = bytes.baseAddress else { return nil }
        let length = name.utf8CodeUnitCount
        let wanted = name.utf8Start
        var key = index + 1
        let end = token.next
        while key < end {
            // Most names differ in length; of the others, most in their first byte.
            let candidate = tokens[key]
            if candidate.escaped {
                if JSONView(bytes: bytes, tokens: tokens, index: key).isName(name) {
                    return JSONView(bytes: bytes, tokens: tokens, index: key + 1)
                }
            } else if candidate.end - candidate.start == length
                && (length == 0 || (base[candidate.start] == wanted[0] && memcmp(base + candidate.start, wanted, length) == 0))
            {
                return JSONView(bytes: bytes, tokens: tokens, index: key + 1)
            }
            key = tokens[key + 1].next
        }
        return nil
    }

    /// The values of the first members with each of `names`, found in one pass over the object
    /// (for an object many names are read from); nil where there is none, all nil for anything
    /// but an object.
    package func members(_ names: JSONNames) -> [JSONView?] {
        var found = [JSONView?](repeating: nil, count: names.count)
        guard isObject, let base = bytes.baseAddress else { return found }
        var key = index + 1
        let end = token.next
        while key < end {
            let candidate = tokens[key]
            let slot: Int?
            if candidate.escaped {
                slot = JSONView(bytes: bytes, tokens: tokens, index: key).string.flatMap { names.slot(of: Array($0.utf8)) }
            } else {
                slot = names.slot(of: UnsafeBufferPointer(start: base + candidate.start, count: candidate.end - candidate.start))
            }
            if let slot, found[slot] == nil { found[slot] = JSONView(bytes: bytes, tokens: tokens, index: key + 1) }
            key = tokens[key + 1].next
        }
        return found
    }

    /// The members of an object in order, names as string values (empty for anything else).
    package var members: Members { Members(value: self) }

    package struct Members: Sequence, IteratorProtocol {
        fileprivate let value: JSONView
        fileprivate var position: Int
        fileprivate let end: Int

        fileprivate init(value: JSONView) {
            self.value = value
            position = value.index + 1
            end = value.isObject ? value.token.next : position
        }

        package mutating func next() -> (name: JSONView, value: JSONView)? {
            guard position < end else { return nil }
            let name = JSONView(bytes: value.bytes, tokens: value.tokens, index: position)
            let member = JSONView(bytes: value.bytes, tokens: value.tokens, index: position + 1)
            position = member.token.next
            return (name, member)
        }
    }

    /// Whether this string is `name` (decoding escapes when it has any).
    package func isName(_ name: StaticString) -> Bool {
        let token = token
        guard token.kind == .string else { return false }
        let length = name.utf8CodeUnitCount
        if token.escaped { return string.map { $0.utf8.elementsEqual(UnsafeBufferPointer(start: name.utf8Start, count: length)) } ?? false }
        guard token.end - token.start == length else { return false }
        let own = bytes.baseAddress.map { $0 + token.start }
        for offset in 0..<length where own?[offset] != name.utf8Start[offset] { return false }
        return true
    }

    // MARK: Arrays

    /// The elements of an array in order (empty for anything else).
    package var elements: Elements { Elements(value: self) }

    package struct Elements: Sequence, IteratorProtocol {
        fileprivate let value: JSONView
        fileprivate var position: Int
        fileprivate let end: Int

        fileprivate init(value: JSONView) {
            self.value = value
            position = value.index + 1
            end = value.token.kind == .array ? value.token.next : position
        }

        package mutating func next() -> JSONView? {
            guard position < end else { return nil }
            let element = JSONView(bytes: value.bytes, tokens: value.tokens, index: position)
            position = element.token.next
            return element
        }
    }

    // MARK: Scalars

    /// A string's text, a lone surrogate escape read as U+FFFD; nil for other values and for
    /// strings JSONDecoder would not decode for another reason (raw control characters, bad
    /// escapes, invalid UTF-8).
    package var string: String? {
        guard token.kind == .string else { return nil }
        return Self.decodeString(raw, escaped: token.escaped, repairingSurrogates: true)
    }

    /// A string's text as JSONDecoder decodes it: also nil for a lone surrogate escape.
    package var strictString: String? {
        guard token.kind == .string else { return nil }
        return Self.decodeString(raw, escaped: token.escaped)
    }

    /// `true` or `false`; nil for anything else.
    package var bool: Bool? {
        switch token.kind {
        case .true: return true
        case .false: return false
        default: return nil
        }
    }

    /// A number that is a whole `Int`, as JSONDecoder reads one: an integer exactly,
    /// anything else (`1.0`, `1e3`) through a Double, which must then be whole and below
    /// 2^53 in size (JSONDecoder reads bigger ones another way; token counts never are).
    /// nil for other values, and for numbers that are not valid JSON numbers.
    package var int: Int? {
        guard token.kind == .number else { return nil }
        return Self.integer(raw)
    }

    static func integer(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !text.isEmpty else { return nil }
        let negative = text[0] == UInt8(ascii: "-")
        let digits = negative ? 1 : 0
        var value = 0
        var index = digits
        while index < text.count, text[index] >= UInt8(ascii: "0") && text[index] <= UInt8(ascii: "9") {
            index += 1
        }
        let integerDigits = index - digits
        guard integerDigits > 0, text[digits] != UInt8(ascii: "0") || integerDigits == 1 else { return nil }
        if index == text.count {
            for position in digits..<index {
                let digit = Int(text[position] - UInt8(ascii: "0"))
                let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !overflow1, !overflow2 else { return nil }
                value = next
            }
            return value
        }
        // A fraction or an exponent: the grammar first, then the value through a Double.
        if text[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < text.count, text[index] >= UInt8(ascii: "0") && text[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > start else { return nil }
        }
        if index < text.count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            let start = index
            while index < text.count, text[index] >= UInt8(ascii: "0") && text[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > start else { return nil }
        }
        guard index == text.count, let double = Double(String(decoding: text, as: UTF8.self)) else { return nil }
        guard double.magnitude < 9_007_199_254_740_992, double == double.rounded(.towardZero) else { return nil }
        return Int(double)
    }

    /// Whether `decodeString` would succeed, without making a String for the common plain ASCII name.
    static func isDecodable(_ raw: UnsafeBufferPointer<UInt8>, escaped: Bool) -> Bool {
        if !escaped && raw.allSatisfy({ $0 >= 0x20 && $0 < 0x80 }) { return true }
        return decodeString(raw, escaped: escaped) != nil
    }

    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            output.append(UInt8(scalar))
        case ..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The text of a string's content, unescaped; nil where JSONDecoder fails to decode it,
    /// except that with `repairingSurrogates` a lone surrogate escape reads as U+FFFD.
    static func decodeString(
        _ raw: UnsafeBufferPointer<UInt8>, escaped: Bool, repairingSurrogates: Bool = false
    ) -> String? {
        guard isPlainText(raw) else { return nil }
        guard escaped else { return String(decoding: raw, as: UTF8.self) }
        guard let output = unescape(raw, repairingSurrogates: repairingSurrogates) else { return nil }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether bytes between escapes are valid UTF-8 without raw control characters (which JSON
    /// strings must escape); ASCII eight bytes at a time. (An escape starts with `\\`, so a
    /// UTF-8 sequence never spans one: checking the whole raw text checks every run.)
    private static func isPlainText(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = raw.baseAddress else { return true }
        let bytes = UnsafeRawPointer(base)
        var i = 0
        var ascii = true
        while i + 8 <= raw.count {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A byte below 0x20 (and not 0x80 or above) borrows when 0x20 is taken from it.
            if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0 { return false }
            if word & 0x8080_8080_8080_8080 != 0 { ascii = false }
            i += 8
        }
        while i < raw.count {
            if base[i] < 0x20 { return false }
            if base[i] >= 0x80 { ascii = false }
            i += 1
        }
        return ascii || UTF8Validation.isValid(raw)
    }

    /// The UTF-8 bytes a string's escaped content stands for; nil for a bad escape, and for a lone
    /// surrogate unless `repairingSurrogates` (then it stands for U+FFFD, and an escape after a lone
    /// high surrogate is read on its own).
    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>, repairingSurrogates: Bool) -> [UInt8]? {
        var output = [UInt8]()
        output.reserveCapacity(raw.count)
        var i = 0
        let count = raw.count
        func hex(at offset: Int) -> UInt32? {
            guard offset + 4 <= count else { return nil }
            var value: UInt32 = 0
            for position in offset..<(offset + 4) {
                let byte = raw[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while i < count {
            let run = nextBackslash(raw, from: i)
            if run > i {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: raw[i..<run]))
                i = run
                continue
            }
            guard i + 1 < count else { return nil }
            let escape = raw[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex(at: i) else { return nil }
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    if i + 1 < count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u"),
                        let low = hex(at: i + 2), low >= 0xDC00 && low < 0xE000
                    {
                        i += 6
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        guard repairingSurrogates else { return nil }
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    guard repairingSurrogates else { return nil }
                    scalar = 0xFFFD
                }
                appendUTF8(scalar, to: &output)
            default:
                return nil
            }
        }
        return output
    }

    /// The offset of the next `\\` at or after `from`, or the end.
    private static func nextBackslash(_ raw: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = raw.baseAddress, from < raw.count,
            let found = memchr(base + from, Int32(UInt8(ascii: "\\")), raw.count - from)
        else { return raw.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

/// `JSONView.string` for values that mostly repeat from one line of a log to the next (a
/// session id, a working directory, a model): a value whose bytes equal the last ones read in
/// its slot gives the String made then, without decoding or allocating again.
package struct RepeatedStrings {
    private var bytes: [[UInt8]]
    private var strings: [String?]

    package init(slots: Int) {
        bytes = Array(repeating: [], count: slots)
        strings = Array(repeating: nil, count: slots)
    }

    /// `value?.string`, remembered in `slot` (0 ..< slots).
    package mutating func string(_ value: JSONView?, slot: Int) -> String? {
        guard let value, value.kind == .string else { return nil }
        let raw = value.raw
        if raw.count == bytes[slot].count, bytes[slot].withUnsafeBufferPointer({ Self.equal($0, raw) }) {
            return strings[slot]
        }
        let text = value.string
        bytes[slot].removeAll(keepingCapacity: true)
        bytes[slot].append(contentsOf: raw)
        strings[slot] = text
        return text
    }

    private static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = a.baseAddress, let second = b.baseAddress else { return a.count == b.count }
        return memcmp(first, second, a.count) == 0
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
