/// Decoding helpers for the whole-file formats read with `JSONDecoder` (Cline tasks, and the
/// format probe), whose every field is optional in practice: a field that is missing or of an
/// unexpected type reads as nil instead of failing the file. The JSONL readers use `JSONScanner`
/// and the same rules (LogValues.swift).
extension KeyedDecodingContainer {
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil  // a wrong type is as good as absent
    }

    func flag(_ key: Key) -> Bool { lenient(Bool.self, key) ?? false }
}

/// Coding keys made from any string, for objects whose keys are data (maps) or many.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Every string inside a JSON value, depth first (for scanning tool arguments of unknown shape).
struct AllStrings: Decodable {
    var strings: [String] = []

    init(from decoder: Decoder) throws {
        if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
            for key in keyed.allKeys {
                if let nested = try? keyed.decode(AllStrings.self, forKey: key) { strings += nested.strings }
            }
        } else if var list = try? decoder.unkeyedContainer() {
            while !list.isAtEnd {
                guard let nested = try? list.decode(AllStrings.self) else { break }
                strings += nested.strings
            }
        } else if let string = try? decoder.singleValueContainer().decode(String.self) {
            strings = [string]
        }
    }
}
