/// A read-only table from ASCII strings to values, looked up by a slice of bytes: no string is built
/// and no seeded SipHash is run per lookup, which was most of the cost of reading a path's features.
///
/// Only ASCII keys are held; `hasOtherKeys` says some were left out, and then a caller looks up in the
/// dictionary the table was built from (a non-ASCII key can equal an ASCII text as a Swift string).
struct ByteTable<Value: Sendable>: Sendable {
    private var slots: [Int32]
    private var keyBytes: [UInt8] = []
    private var keyRanges: [Range<Int>] = []
    private var values: [Value] = []
    private let mask: Int
    /// Whether the dictionary had keys that are not ASCII (left out of the table).
    let hasOtherKeys: Bool

    init(_ dictionary: [String: Value]) {
        var capacity = 16
        while capacity < dictionary.count * 2 { capacity *= 2 }
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        var other = false
        // In key order, so that the table's layout is the same in every process.
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(key.utf8)
            guard bytes.allSatisfy({ $0 < 0x80 }) else {
                other = true
                continue
            }
            var slot = Self.hash(bytes[...]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(values.count)
            keyRanges.append(keyBytes.count..<(keyBytes.count + bytes.count))
            keyBytes += bytes
            values.append(value)
        }
        hasOtherKeys = other
    }

    /// The value of the key spelled by `bytes`, if any.
    func value(_ bytes: ArraySlice<UInt8>) -> Value? {
        value(bytes, hash: Self.hash(bytes))
    }

    /// `value(_:)` when the bytes' `hash(_:)` is known.
    func value(_ bytes: ArraySlice<UInt8>, hash: Int) -> Value? {
        var slot = hash & mask
        while true {
            let entry = Int(slots[slot])
            guard entry >= 0 else { return nil }
            if keyBytes[keyRanges[entry]].elementsEqual(bytes) { return values[entry] }
            slot = (slot + 1) & mask
        }
    }

    /// The value of the key `first` + `separator` + `second`, if any, without joining them.
    func value(_ first: ArraySlice<UInt8>, _ separator: UInt8, _ second: ArraySlice<UInt8>) -> Value? {
        var hash = Self.hashState(first, from: Self.basis)
        hash = (hash ^ UInt64(separator)) &* Self.prime
        var slot = Self.finished(Self.hashState(second, from: hash)) & mask
        let count = first.count + 1 + second.count
        while true {
            let entry = Int(slots[slot])
            guard entry >= 0 else { return nil }
            let range = keyRanges[entry]
            if range.count == count, keyBytes[range.lowerBound..<(range.lowerBound + first.count)].elementsEqual(first),
                keyBytes[range.lowerBound + first.count] == separator,
                keyBytes[(range.lowerBound + first.count + 1)..<range.upperBound].elementsEqual(second)
            {
                return values[entry]
            }
            slot = (slot + 1) & mask
        }
    }

    private static var basis: UInt64 { 0xcbf2_9ce4_8422_2325 }
    private static var prime: UInt64 { 0x100_0000_01b3 }

    private static func hashState(_ bytes: ArraySlice<UInt8>, from state: UInt64) -> UInt64 {
        var hash = state
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* prime }
        return hash
    }

    private static func finished(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash ^ (hash >> 29)) }

    /// FNV-1a: the keys are fixed and few, so no seed is needed against collisions.
    static func hash(_ bytes: ArraySlice<UInt8>) -> Int {
        finished(hashState(bytes, from: basis))
    }
}
