/// Checks bytes for well-formed UTF-8 without making a String: ASCII runs eight bytes at a
/// time, other characters by the table of well-formed byte sequences (Unicode §3.9, no
/// overlong forms, no surrogates, nothing above U+10FFFF).
package enum UTF8Validation {
    /// The line (1-based) of the first byte of `data` that is not UTF-8, or nil when all of it is:
    /// what a one-line error about a text file names.
    package static func firstInvalidLine(_ data: [UInt8]) -> Int? {
        var line = 1
        var start = 0
        for index in data.indices where data[index] == 0x0A || index == data.count - 1 {
            let end = data[index] == 0x0A ? index : index + 1
            let valid = data[start..<end].withUnsafeBufferPointer { isValid($0) }
            if !valid { return line }
            line += 1
            start = index + 1
        }
        return nil
    }

    package static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i < count {
            while i + 8 <= count,
                raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i += 8
            }
            guard i < count else { return true }
            if base[i] < 0x80 {
                i += 1
                continue
            }
            guard let length = sequenceLength(base, count, at: i) else { return false }
            i += length
        }
        return true
    }

    /// The length of the well-formed sequence that starts with the non-ASCII byte at `i`, or nil.
    @inline(__always)
    package static func sequenceLength(_ base: UnsafePointer<UInt8>, _ count: Int, at i: Int) -> Int? {
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + offset < count && base[i + offset] >= low && base[i + offset] <= high
        }
        switch base[i] {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : nil
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : nil
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default:
            return nil
        }
    }
}
