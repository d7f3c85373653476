import Foundation
import Support
import TestSupport
import Testing

@Suite("Reading JSON in one pass and decoding only what is asked")
struct JSONScannerTests {
    /// Scans `text` and hands its root to `body`; nil when the text is refused.
    func scan<R>(_ text: String, _ body: (JSONView) -> R) -> R? {
        scan(Array(text.utf8), body)
    }

    func scan<R>(_ bytes: [UInt8], _ body: (JSONView) -> R) -> R? {
        var scanner = JSONScanner()
        return bytes.withUnsafeBufferPointer { try? scanner.scan($0, body) }
    }

    /// Whether the text is an object JSONDecoder can open (what a log line must be).
    func accepts(_ text: String) -> Bool { scan(text) { $0.isObject } ?? false }

    @Test("members are found by name, with strings, numbers, booleans and null")
    func members() {
        let found = scan(#"{"type":"user","n":42,"ok":true,"no":false,"none":null,"f":-1.5}"#) { root in
            [
                root["type"]?.string, root["n"]?.int.map(String.init), root["ok"]?.bool.map(String.init),
                root["no"]?.bool.map(String.init), root["none"].map { "\($0.kind)" }, root["missing"]?.string,
                root["f"]?.int.map(String.init),
            ]
        }
        #expect(found == ["user", "42", "true", "false", "null", nil, nil])
    }

    @Test("a value of another type reads as nil, as a lenient decode does")
    func wrongTypes() {
        let found = scan(#"{"s":1,"n":"1","b":1,"o":[]}"#) { root in
            [root["s"]?.string == nil, root["n"]?.int == nil, root["b"]?.bool == nil, root["o"]?["x"] == nil]
        }
        #expect(found == [true, true, true, true])
    }

    @Test("repeated strings: each line gives what .string gives, per slot, whatever came before")
    func repeatedStrings() {
        let lines = [
            #"{"a":"same","b":"x"}"#, #"{"a":"same","b":"y"}"#, #"{"a":"s\u0061me","b":1}"#, #"{"a":"same","b":"\ud800"}"#,
            #"{"a":"other","b":"x"}"#, #"{"b":"x"}"#, #"{"a":"","b":"x"}"#, #"{"a":"same"}"#,
        ]
        var strings = RepeatedStrings(slots: 2)
        for line in lines {
            let got = scan(line) { root in [strings.string(root["a"], slot: 0), strings.string(root["b"], slot: 1)] }
            let expected = scan(line) { root in [root["a"]?.string, root["b"]?.string] }
            #expect(got == expected, "\(line)")
        }
    }

    @Test("escapes are decoded: short ones, \\u, surrogate pairs")
    func escapes() {
        let text = scan(#"{"a":"q\"b\\s\/n\nt\tr\rb\bf\f é \u00e9 \ud83d\ude00 \u0000"}"#) { $0["a"]?.string }
        #expect(text == "q\"b\\s/n\nt\tr\rb\u{8}f\u{C} é é 😀 \u{0}")
    }

    @Test("strings JSONDecoder would not decode read as nil; the text around them is fine",
        arguments: [#""\x""#, #""\uZZZZ""#, "\"a\tb\"", "\"\u{1}\""])
    func undecodableStrings(_ value: String) {
        let found = scan(#"{"a":\#(value),"b":"fine"}"#) { [$0["a"]?.string, $0["b"]?.string] }
        #expect(found == [nil, "fine"])
    }

    @Test("a lone surrogate escape reads as U+FFFD (JSONDecoder, and strictString, fail the string)",
        arguments: [
            (#""\ud800""#, "\u{FFFD}"), (#""\udc00""#, "\u{FFFD}"), (#""\ud83dx""#, "\u{FFFD}x"),
            (#""\ud83d\u0041""#, "\u{FFFD}A"), (#""a \ud83d\ud83d\ude00""#, "a \u{FFFD}😀"),
        ])
    func loneSurrogates(_ value: String, _ text: String) {
        let found = scan(#"{"a":\#(value),"b":"fine"}"#) { [$0["a"]?.string, $0["a"]?.strictString, $0["b"]?.string] }
        #expect(found == [text, nil, "fine"])
    }

    @Test("strings with brackets, quotes and backslashes are skipped whole; nested values too")
    func skipping() {
        let text = #"{"a":"}]\"{[\\","b":{"c":[{"d":"}"},[1,[2,{"e":"]"}]]],"f":{}},"g":[],"h":"end"}"#
        let found = scan(text) { root in
            [root["a"]?.string, root["h"]?.string, root["b"]?["c"]?.elements.first { _ in true }?["d"]?.string]
        }
        #expect(found == ["}]\"{[\\", "end", "}"])
        let counts = scan(text) { root in
            [root.members.map { _ in 1 }.count, root["b"]?["c"]?.elements.map { _ in 1 }.count ?? -1]
        }
        #expect(counts == [4, 2])
    }

    @Test("members looked up together are those looked up one by one")
    func membersTogether() {
        let names = JSONNames(["type", "t", "missing", "", "sessionId", "type2"])
        let text = #"{"t\u0079pe":null,"type":"x","t":1,"":"empty","sessionId":"S","t":2,"other":{"type":"nested"}}"#
        let together = scan(text) { root in root.members(names).map { $0.map { String(decoding: $0.raw, as: UTF8.self) } } }
        let oneByOne = scan(text) { root in
            [root["type"], root["t"], root["missing"], root[""], root["sessionId"], root["type2"]].map {
                $0.map { String(decoding: $0.raw, as: UTF8.self) }
            }
        }
        #expect(together == oneByOne)
        #expect(together == [.some("null"), "1", nil, "empty", "S", nil])
        #expect(scan("[1]") { $0.members(names).allSatisfy { $0 == nil } } == true)
    }

    @Test("the first of duplicate members counts, whatever its type")
    func duplicates() {
        #expect(scan(#"{"type":"x","type":"y"}"#) { $0["type"]?.string } == "x")
        #expect(scan(#"{"type":null,"type":"y"}"#) { $0["type"]?.string } == .some(nil))
    }

    @Test("member names with escapes match their decoded text")
    func escapedNames() {
        #expect(scan(#"{"t\u0079pe":"x"}"#) { $0["type"]?.string } == "x")
        #expect(scan(#"{"t\u0079pe":"x"}"#) { root in root.members.map { $0.name.string } } == ["type"])
    }

    @Test("numbers: integers exactly, whole numbers in other forms, nothing else", arguments: [
        ("0", 0), ("-0", 0), ("42", 42), ("-7", -7), ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
        ("1.0", 1), ("1e3", 1000), ("1E+2", 100), ("2.5e1", 25), ("100e-2", 1), ("-0.0", 0), ("0.1e1", 1), ("1e-400", 0),
    ] as [(String, Int)])
    func wholeNumbers(_ text: String, _ value: Int) {
        #expect(scan(#"{"n":\#(text)}"#) { $0["n"]?.int } == value)
    }

    @Test("numbers that are not whole, too big or not valid JSON read as nil but do not fail the text", arguments: [
        "1.5", "9223372036854775808", "-9223372036854775809", "1e400", "01", "-01", "00", "1.", "-", "1e", "1.5e+",
        "1-2", "--1", "1..2", "1e5e5", "-.5", "0.e1",
    ])
    func notWholeNumbers(_ text: String) {
        #expect(scan(#"{"n":\#(text)}"#) { $0["n"]?.int } == .some(nil))
    }

    @Test("whitespace between tokens, a byte order mark at the start and a trailing comma are allowed")
    func lenientLayout() {
        #expect(accepts(" \t{ \"a\" : \"x\" ,\n\"n\" : [ 1 , 2 ] }\r\n"))
        #expect(accepts("\u{FEFF}{\"a\":1}"))
        #expect(accepts(#"{"a":1,}"#))
        #expect(accepts(#"{"a":[1,]}"#))
        #expect(accepts("{}"))
        #expect(accepts("{ }"))
    }

    @Test("malformed texts are refused", arguments: [
        "", " ", "{", "}", #"{"a""#, #"{"a":"#, #"{"a":}"#, #"{"a":"x"#, #"{"a":"x\"}"#, #"{"a":"\u12"}"#, #"{"a":1"#,
        #"{"a":1}}"#, #"{"a":1} x"#, #"{"a":1}{"#, #"{,}"#, #"{"a":1,,}"#, #"{"a":[,]}"#, #"{"a":[1 2]}"#, #"{"a" "x"}"#,
        #"{"a"::1}"#, #"{a:1}"#, #"{'a':1}"#, #"{"a":tru}"#, #"{"a":truex}"#, #"{"a":True}"#, #"{"a":NaN}"#, #"{"a":.5}"#,
        #"{"a":+1}"#, #"{"a":0x10}"#, #"{"a":1a}"#, #"{"a":-a}"#, #"{"t\x":1}"#, "{\"t\u{1}\":1}", "{\"a\":1}\u{B}",
        "\u{FEFF}\u{FEFF}{}", #"{"a":[1,2]]"#, #"{"a":{"b":1]}"#, #"this is { not json"#,
    ])
    func malformed(_ text: String) {
        #expect(!accepts(text))
    }

    @Test("without validating, bytes that are not UTF-8 anywhere in a string are passed over; the string reads as nil")
    func notUTF8WithoutValidating() {
        for padding in 0..<12 {
            // Near the end too, where the scan reads single bytes.
            let bytes = Array(#"{"b":1,"a":""#.utf8) + Array(repeating: 0x78, count: padding) + [0xFF, 0xC3] + Array(#""}"#.utf8)
            #expect(scan(bytes) { [$0["a"]?.string == nil, $0["b"]?.int == 1] } == [true, true], "padding \(padding)")
            var scanner = JSONScanner()
            #expect(throws: JSONScanner.Failure.self) {
                try bytes.withUnsafeBufferPointer { try scanner.scan($0, validatingUTF8: true) { _ in } }
            }
        }
    }

    @Test("a value nested 512 levels deep is read, 513 is refused")
    func depth() {
        func nested(_ levels: Int) -> String {
            "{\"x\":" + String(repeating: "[", count: levels - 1) + String(repeating: "]", count: levels - 1) + "}"
        }
        #expect(accepts(nested(512)))
        #expect(!accepts(nested(513)))
        var scanner = JSONScanner()
        let bytes = Array(nested(600).utf8)
        #expect(throws: JSONScanner.Failure.self) { try bytes.withUnsafeBufferPointer { try scanner.scan($0) { _ in } } }
    }

    @Test("arrays and scalars are read as roots; callers that want objects check the kind")
    func roots() {
        #expect(scan("[1,2,3]") { $0.isObject } == false)
        #expect(scan("42") { $0.int } == 42)
        #expect(scan(#""text""#) { $0.string } == "text")
        #expect(scan("[1,2,3]") { root in root.elements.compactMap(\.int) } == [1, 2, 3])
    }

    @Test("an object with a name JSONDecoder cannot decode cannot be opened, but the text around it is read")
    func undecodableNames() {
        let found = scan(#"{"a":{"t\x":1,"b":2},"c":3}"#) { root in [root["a"]?.isObject, root["a"]?["b"] == nil, root["c"]?.int == 3] }
        #expect(found == [false, true, true])
    }

    @Test("every truncation of a valid text is refused")
    func truncations() {
        let text = Array(#"{"a":"x\"y","b":[1,{"c":null}],"d":-1.5e3,"e":true}"#.utf8)
        #expect(scan(text) { _ in true } == true)
        for length in 0..<text.count {
            #expect(scan(Array(text.prefix(length))) { _ in true } == nil, "prefix of \(length) bytes")
        }
    }

    @Test("a scanner is reused across texts of different sizes")
    func reuse() {
        var scanner = JSONScanner()
        for text in [#"{"a":[1,2,3,{"b":"c"}]}"#, #"{"z":1}"#, "not json", #"{"q":"r"}"#] {
            let value = Array(text.utf8).withUnsafeBufferPointer { try? scanner.scan($0) { $0.members.map { $0.name.string ?? "" } } }
            #expect(value == (text.hasPrefix("{") ? [String(text.dropFirst(2).prefix(1))] : nil))
        }
    }

    @Test("raw bytes and escape flag are those of the text")
    func raw() {
        let found = scan(#"{"a":"x\ny","b":"plain","n":-12.5}"#) { root in
            [root["a"].map { String(decoding: $0.raw, as: UTF8.self) }, root["a"]?.isEscaped.description,
             root["b"]?.isEscaped.description, root["n"].map { String(decoding: $0.raw, as: UTF8.self) }]
        }
        #expect(found == [#"x\ny"#, "true", "false", "-12.5"])
    }

    // MARK: Agreement with JSONDecoder

    /// What JSONDecoder makes of a text as a keyed container: nil when it refuses it, else each
    /// member's first value read leniently as a String, an Int and a Bool.
    struct Lenient: Decodable, Equatable {
        var names: Set<String>
        var strings: [String: String] = [:]
        var ints: [String: Int] = [:]
        var bools: [String: Bool] = [:]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(names: Set<String>) { self.names = names }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            names = Set(container.allKeys.map(\.stringValue))
            for key in container.allKeys {
                if let value = (try? container.decodeIfPresent(String.self, forKey: key)) ?? nil { strings[key.stringValue] = value }
                if let value = (try? container.decodeIfPresent(Int.self, forKey: key)) ?? nil { ints[key.stringValue] = value }
                if let value = (try? container.decodeIfPresent(Bool.self, forKey: key)) ?? nil { bools[key.stringValue] = value }
            }
        }
    }

    func lenient(_ bytes: [UInt8]) -> Lenient? {
        let decoded = scan(bytes) { root -> Lenient? in
            guard root.isObject else { return nil }
            var result = Lenient(names: [])
            var seen: Set<String> = []
            for (name, value) in root.members {
                guard let name = name.strictString, seen.insert(name).inserted else { continue }
                result.names.insert(name)
                if let string = value.strictString { result.strings[name] = string }
                if let int = value.int { result.ints[name] = int }
                if let bool = value.bool { result.bools[name] = bool }
            }
            return result
        }
        return decoded ?? nil
    }

    static let seeds = [
        #"{"type":"user","sessionId":"S","timestamp":"2026-01-01T00:00:01Z","message":{"role":"user","content":"hi"}}"#,
        #"{"a":"q\"b\\s\/\n\u00e9\ud83d\ude00","n":[1,-2.5e3,true,null],"o":{"p":{"q":[]}},"e":"","z":0}"#,
        #"{"t\u0079pe":"x","type":"y","k":"a\tb","m":"\ud800","x":1.0,"y":1e2,"w":01,"v":false}"#,
        #" { "a" : [ { } , [ ] , "}" ] , "b" : -0 } "#,
    ]

    @Test("acceptance and decoded members agree with JSONDecoder on hand-picked texts")
    func agreesOnSamples() {
        let texts = Self.seeds + [
            #"{"a":"x",}"#, #"{"a":[1,]}"#, #"{"a":"\u12"}"#, #"{"n":1-2}"#, #"{"n":-.5}"#, #"{"a":"\uZZZZ"}"#,
            #"{"a":"\uZZZ"}"#, #"{"a":"\U0041"}"#, #"{"a":"\uDD1E\uD834"}"#, "\u{FEFF}{\"a\":\"bom\"}", "{\"a\":\"\u{7F}\"}",
            "[1,2]", "42", #"{"a":{"b":[{"c":"}"}]},"n":2}"#, #"{"n":9223372036854775807}"#, #"{"n":1.5e300}"#,
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let expected = try? JSONDecoder().decode(Lenient.self, from: Data(bytes))
            #expect(lenient(bytes) == expected, "\(text)")
        }
    }

    @Test("acceptance and decoded members agree with JSONDecoder on thousands of damaged texts")
    func agreesOnMutations() {
        var random = SplitMix(seed: 2026)
        let alphabet = Array(#"{}[]":,\ u0123456789.eE+-tfnrl"x"#.utf8) + [0x09, 0x0A, 0x01, 0xC3, 0xA9]
        var disagreements: [String] = []
        for round in 0..<3000 {
            var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
            for _ in 0...(random.next() % 3) {
                let position = Int(random.next() % UInt64(bytes.count + 1))
                switch random.next() % 3 {
                case 0 where position < bytes.count: bytes.remove(at: position)
                case 1 where position < bytes.count: bytes[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                default: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: position)
                }
            }
            // Texts that are not UTF-8 are refused before scanning (ReadTally); JSONDecoder repairs them.
            guard String(validating: bytes, as: UTF8.self) != nil else { continue }
            let expected = try? JSONDecoder().decode(Lenient.self, from: Data(bytes))
            if lenient(bytes) != expected { disagreements.append(String(decoding: bytes, as: UTF8.self)) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}

extension JSONScannerTests {
    @Test("validating UTF-8 while scanning: read exactly when the text reads and is UTF-8")
    func validatingUTF8() {
        var random = SplitMix(seed: 99)
        let seeds = [
            "{\"a\":\"é中😀\",\"b\":[\"x\\u00e9\",\"\\\\é\"],\"c\":{\"d\":\"\\é\\u中é\"}}",
            #"{"type":"user","text":"plain ASCII that is long enough to be read eight bytes at a time"}"#,
        ]
        let alphabet: [UInt8] = [0x22, 0x5C, 0x75, 0x41, 0xC3, 0xA9, 0xE4, 0xB8, 0xAD, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0xED, 0xA0, 0x7B, 0x7D]
        var scanner = JSONScanner()
        for round in 0..<4000 {
            var bytes = Array(seeds[round % seeds.count].utf8)
            for _ in 0...(random.next() % 3) {
                let position = Int(random.next() % UInt64(bytes.count + 1))
                let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
                if random.next() % 2 == 0 && position < bytes.count { bytes[position] = byte } else { bytes.insert(byte, at: position) }
            }
            let plain = bytes.withUnsafeBufferPointer { try? scanner.scan($0) { _ in true } } ?? false
            let utf8 = bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
            var outcome = "read"
            do {
                _ = try bytes.withUnsafeBufferPointer { try scanner.scan($0, validatingUTF8: true) { _ in true } }
            } catch JSONScanner.Failure.invalidUTF8 {
                outcome = "not UTF-8"
            } catch {
                outcome = "not JSON"
            }
            if plain {
                #expect(outcome == (utf8 ? "read" : "not UTF-8"), "\(bytes)")
            } else {
                #expect(outcome != "read", "\(bytes)")
                if outcome == "not UTF-8" { #expect(!utf8, "\(bytes)") }
            }
        }
    }
}

@Suite("Checking UTF-8 without making a String")
struct UTF8ValidationTests {
    func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } }

    @Test("well-formed text of every sequence length is valid")
    func wellFormed() {
        #expect(valid([]))
        #expect(valid(Array("plain ASCII text that is longer than eight bytes".utf8)))
        #expect(valid(Array("é 中文 😀 \u{10FFFF} \u{E000} \u{D7FF}".utf8)))
    }

    @Test("ill-formed sequences are invalid", arguments: [
        [0xFF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xC3], [0xE2, 0x82], [0x80], [0x61, 0xFE, 0x62],
    ] as [[UInt8]])
    func illFormed(_ bytes: [UInt8]) {
        #expect(!valid(bytes))
        #expect(!valid(Array("0123456789".utf8) + bytes + Array("abcdefgh".utf8)))
    }

    @Test("agrees with the standard library on random bytes")
    func agreesWithStandardLibrary() {
        var random = SplitMix(seed: 7)
        for round in 0..<5000 {
            let length = Int(random.next() % 24)
            let bytes = (0..<length).map { _ in
                // Mostly ASCII and the bytes around the edges of the table, so that both outcomes occur.
                let pool: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5]
                return round % 2 == 0 ? UInt8(truncatingIfNeeded: random.next()) : pool[Int(random.next() % UInt64(pool.count))]
            }
            #expect(valid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}

extension JSONScannerTests {
    /// Strings whose bytes that need care (a closing quote, escapes of every kind, non-ASCII
    /// characters, bytes that are not UTF-8) fall at every offset of the words and blocks that are
    /// read at once, near the end of the text too: each is read as JSONDecoder reads it, and a
    /// validating scan refuses exactly the texts that are not UTF-8.
    @Test("strings are read alike wherever their escapes and characters fall in a block")
    func everyOffset() {
        let pieces: [[UInt8]] = [
            [], Array(#"\""#.utf8), Array(#"\\"#.utf8), Array(#"\\\""#.utf8), Array(#"\n"#.utf8), Array(#"\u00e9"#.utf8),
            Array(#"\ud83d\ude00"#.utf8), Array(#"\x"#.utf8), Array(#"\u12"#.utf8), Array("é".utf8), Array("中".utf8),
            Array("😀".utf8), Array("──".utf8), [0x5C, 0xC3, 0xA9], [0xFF], [0xC3], [0xE4, 0xB8], [0xED, 0xA0, 0x80],
            [0x01], [0x5C, 0x22, 0x5C, 0x5C], Array(#"\\\\\\"#.utf8), Array(#"\\u"#.utf8),
            Array("─────é中😀".utf8), Array("──".utf8) + [0xFF], Array("中".utf8) + [0xE4, 0xB8], Array("é".utf8) + [0xC3, 0x22],
        ]
        var scanner = JSONScanner()
        var disagreements: [String] = []
        for piece in pieces {
            for before in 0..<35 {
                for after in [0, 1, 7, 8, 15, 16, 17] {
                    for tail in [#"","b":1}"#, #""}"#] {
                        let bytes = Array(#"{"a":""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: before) + piece
                            + [UInt8](repeating: UInt8(ascii: "y"), count: after) + Array(tail.utf8)
                        let plain = bytes.withUnsafeBufferPointer { try? scanner.scan($0) { _ in true } } ?? false
                        var validated = "read"
                        do {
                            _ = try bytes.withUnsafeBufferPointer { try scanner.scan($0, validatingUTF8: true) { _ in true } }
                        } catch JSONScanner.Failure.invalidUTF8 {
                            validated = "not UTF-8"
                        } catch {
                            validated = "not JSON"
                        }
                        let utf8 = bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
                        let expectedValidated = !plain ? "not JSON" : utf8 ? "read" : "not UTF-8"
                        var agrees = validated == expectedValidated || (!plain && validated == "not UTF-8" && !utf8)
                        if utf8 {
                            let expected = try? JSONDecoder().decode(Lenient.self, from: Data(bytes))
                            agrees = agrees && lenient(bytes) == expected
                        }
                        if !agrees { disagreements.append("\(bytes)") }
                    }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
    }

    @Test("a string's raw bytes and escape flags do not depend on where its escapes fall")
    func escapeFlagAtEveryOffset() {
        for before in 0..<40 {
            for piece in [#"\n"#, #"\\"#, #"\""#, "é", "", #"\u0041"#, #"\\u0041"#] {
                let content = String(repeating: "x", count: before) + piece + String(repeating: "y", count: 20)
                let found = scan(#"{"a":"\#(content)"}"#) { root in
                    root["a"].map { (String(decoding: $0.raw, as: UTF8.self), $0.string, $0.isEscaped, $0.hasUnicodeEscape) }
                }
                let expected = try? JSONDecoder().decode([String: String].self, from: Data(#"{"a":"\#(content)"}"#.utf8))["a"]
                #expect(found??.0 == content && found??.1 == expected, "\(content)")
                #expect(found??.2 == piece.hasPrefix("\\") && found??.3 == (piece == #"\u0041"#), "\(content)")
            }
        }
    }
}
