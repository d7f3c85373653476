/// RFC 4180 CSV: a fixed header row, fields quoted when they need it.
package enum CSV {
    /// One record, CRLF-free: fields joined by commas, each quoted when it holds a comma, quote or line break.
    /// By default (for what a person opens) text a spreadsheet would run is neutralised (`field`).
    package static func row(_ fields: [String], keepingFormulas: Bool = false) -> String {
        fields.map { field($0, keepingFormulas: keepingFormulas) }.joined(separator: ",") + "\n"
    }

    /// A field quoted per RFC 4180 when needed. Text a spreadsheet would read as a formula (a
    /// commit subject `=HYPERLINK(…)`, `@SUM(…)`, `-2+3 tidy`: a leading `=`, `+`, `-`, `@`, tab
    /// or carriage return, and not a number) gets a leading `'`, as OWASP advises for CSV a person
    /// opens: anyone who can push a commit or edit the backlog writes these cells. Numbers (`-3.5`)
    /// and a lone `-` stay. `keepingFormulas`: for CSV only a program reads back.
    package static func field(_ text: String, keepingFormulas: Bool = false) -> String {
        // Control characters (a terminal's escape sequences in a commit subject) as `�`, as in every report.
        var text = Format.printable(text)
        if !keepingFormulas, isFormula(text) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a spreadsheet would read `text` as a formula rather than as text or a number.
    static func isFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first)
        else { return false }
        return text != "-" && Double(text) == nil
    }
}

extension CSV {
    /// One record read from CSV text, with the line it starts on (1-based).
    package struct Record: Sendable, Equatable {
        package var line: Int
        package var fields: [String]
    }

    /// A CSV text that does not parse.
    package struct ParseError: Error, Equatable, CustomStringConvertible {
        package var line: Int
        package var message: String
        package var description: String { "line \(line): \(message)" }
    }

    /// What a record whose field count is not its header's was expected to have (`5 fields like the
    /// header (a,b,c,d,e), found 4`), nil when the counts agree: a missing or extra field shifts the
    /// columns after it, so the row is not what its writer meant.
    package static func fieldCountMismatch(_ record: Record, header: [String]) -> String? {
        guard record.fields.count != header.count else { return nil }
        return "\(header.count) fields like the header (\(header.joined(separator: ","))), found \(record.fields.count)"
    }

    /// The separator other than a comma (`;`, as a European spreadsheet writes, or a tab) that splits
    /// a header row, read as commas, into all of `columns`; nil when none does.
    package static func otherSeparator(_ header: Record, columns: [String]) -> Character? {
        let line = header.fields.joined(separator: ",")
        for separator: Character in [";", "\t"] {
            let names = Set(line.split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            if columns.allSatisfy(names.contains) { return separator }
        }
        return nil
    }

    /// Parses RFC 4180 text (quoted fields may hold commas, quotes and line breaks; CRLF or LF).
    /// Blank lines are skipped; a leading byte-order mark is ignored.
    package static func parse(_ text: String) throws(ParseError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var characters = Substring(text)
        if characters.first == "\u{FEFF}" { characters = characters.dropFirst() }
        var iterator = characters.makeIterator()
        var pending: Character? = nil
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                guard field.isEmpty else { throw ParseError(line: line, message: "a quote inside an unquoted field") }
                quoted = true
                fieldWasQuoted = true
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\n", "\r\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            default:
                if fieldWasQuoted { throw ParseError(line: line, message: "text after a closing quote") }
                field.append(character)
            }
        }
        if quoted { throw ParseError(line: recordLine, message: "a quoted field that never ends") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}
