import Foundation

/// Number and table formatting for terminal output, the same on every platform and locale.
package enum Format {
    /// `value` with `digits` decimals and a `.` point; never `-0.0`, `nan` as `-`.
    package static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        // Halves round away from zero, as a reader rounds the decimal they see: 0.25 h is "0.3 h" and
        // 0.15 is "0.2" (printf rounds the binary value, to even: "0.2", "0.1", while 0.75 gave "0.8").
        let scale = pow(10.0, Double(max(0, min(digits, 15))))
        let scaled = value * scale
        let shown = abs(scaled) < 1e15 ? scaled.rounded(.toNearestOrAwayFromZero) / scale : value
        let text = String(format: "%.\(digits)f", locale: nil, shown)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// How many terminal columns `text` takes: two for a wide character (Chinese, Japanese, Korean,
    /// full-width forms, most emoji), none for an invisible one (a zero-width space or joiner on its
    /// own), one for the others. ASCII is counted by its bytes.
    package static func columns(_ text: some StringProtocol) -> Int {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        return text.reduce(0) { $0 + columns(of: $1) }
    }

    /// A `Character`'s terminal columns (`columns(_:)`).
    static func columns(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains("\u{FE0F}") { return 2 }  // emoji presentation
        switch first.value {
        case 0x200B...0x200F, 0x2060...0x2064, 0xFEFF: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }

    /// The longest start of `text` that takes at most `columns` terminal columns.
    package static func prefix(_ text: String, columns limit: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let wide = columns(of: text[index])
            guard used + wide <= limit else { break }
            used += wide
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// An aligned table fitted to `width`; see `fit`. Columns that did not fit are named on a last
    /// line, with `elsewhere` (where the reader finds them, e.g. "--format csv or json has them").
    package static func table(
        header: [String], rows: [[String]], width: Int, rightAligned: Set<Int> = [], priority: [Int]? = nil,
        flexible: Int? = nil, elsewhere: String? = nil
    ) -> String {
        let fitted = fit(header: header, rows: rows, width: width, rightAligned: rightAligned, priority: priority, flexible: flexible)
        guard !fitted.hidden.isEmpty else { return fitted.text }
        let note = "(not shown at this width: \(fitted.hidden.joined(separator: ", "))" + (elsewhere.map { "; \($0)" } ?? "") + ")"
        return fitted.text + wrap(note, width: width) + "\n"
    }

    /// `text` safe to print on a terminal: control characters (an escape sequence's ESC, a carriage
    /// return, a bell; C0, DEL and C1) become `�`, line breaks and tabs stay. A commit subject or a
    /// path can hold them, and a terminal would act on them (a title change, a cleared screen).
    /// So do Unicode's bidirectional embeddings, overrides and isolates (U+202A–U+202E,
    /// U+2066–U+2069), which make a title or path read in another order than it is written
    /// ("Trojan Source"); the invisible direction marks (U+200E, U+200F, U+061C) reorder nothing
    /// but neutral characters beside them, and stay, as right-to-left text uses them.
    package static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        var pendingReturn = false
        for scalar in text.unicodeScalars {
            if pendingReturn {
                pendingReturn = false
                // A Windows line break is a line break; a lone carriage return is not.
                if scalar == "\n" {
                    scalars.append("\n")
                    continue
                }
                scalars.append("\u{FFFD}")
            }
            if scalar == "\r" {
                pendingReturn = true
                continue
            }
            scalars.append(isControl(scalar) ? "\u{FFFD}" : scalar)
        }
        if pendingReturn { scalars.append("\u{FFFD}") }
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// An aligned table no wider than `width`, with its header never cut.
    ///
    /// Columns are kept in the order of `priority` (indexes, most important first; columns it
    /// leaves out come after it in table order) while they fit at their full width; the others are
    /// dropped and returned in `hidden`, so the caller can say where to find them. The `flexible`
    /// column (a title, say) takes the width that is left, at least its header and 30 characters,
    /// and longer cells in it end with `…`. The column order on screen stays the table's.
    package static func fit(
        header: [String], rows: [[String]], width: Int, rightAligned: Set<Int> = [], priority: [Int]? = nil,
        flexible: Int? = nil
    ) -> (text: String, hidden: [String]) {
        // A cell is one line: a title with a line break (a backlog row, a commit subject) keeps its row.
        func oneLine(_ cell: String) -> String {
            let cell = printable(cell)
            return cell.contains(where: \.isNewline) || cell.contains("\t")
                ? cell.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ") : cell
        }
        let header = header.map(oneLine)
        let rows = rows.map { $0.map(oneLine) }
        let all = [header] + rows
        // Widths in terminal columns: a Chinese character or an emoji takes two.
        let natural = header.indices.map { column in all.map { $0.count > column ? columns($0[column]) : 0 }.max() ?? 0 }
        func least(_ column: Int) -> Int {
            column == flexible ? min(natural[column], max(columns(header[column]), 30)) : natural[column]
        }
        let order = (priority ?? []).filter { header.indices.contains($0) }
        let ranked = order + header.indices.filter { !order.contains($0) }
        var kept: [Int] = []
        var used = 0
        for column in ranked {
            let extra = least(column) + (kept.isEmpty ? 0 : 2)
            // The most important column is always kept, whatever the width.
            if kept.isEmpty || used + extra <= width {
                kept.append(column)
                used += extra
            }
        }
        kept.sort()
        // Even the most important columns are too wide: the widest left-aligned one is cut instead.
        var flexible = flexible
        if used > width, flexible == nil || !kept.contains(flexible ?? -1) {
            flexible = kept.filter { !rightAligned.contains($0) }.max { (natural[$0], $1) < (natural[$1], $0) }
        }
        var widths = Dictionary(uniqueKeysWithValues: kept.map { ($0, natural[$0]) })
        if let flexible, kept.contains(flexible) {
            let others = kept.filter { $0 != flexible }.reduce(0) { $0 + natural[$1] } + 2 * (kept.count - 1)
            widths[flexible] = max(min(natural[flexible], max(columns(header[flexible]), 12)), min(natural[flexible], width - others))
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (position, column) in kept.enumerated() {
                let target = widths[column] ?? 0
                var text = column < cells.count ? cells[column] : ""
                if columns(text) > target { text = prefix(text, columns: max(0, target - 1)) + "…" }
                let pad = String(repeating: " ", count: max(0, target - columns(text)))
                if position == kept.count - 1 && !rightAligned.contains(column) {
                    parts.append(text)
                } else {
                    parts.append(rightAligned.contains(column) ? pad + text : text + pad)
                }
            }
            var joined = parts.joined(separator: "  ")
            while joined.hasSuffix(" ") { joined.removeLast() }
            return joined + "\n"
        }
        let hidden = header.indices.filter { !kept.contains($0) }.map { header[$0] }
        return (all.map(line).joined(), hidden)
    }

    /// Words wrapped at `width`, `first` before the first line and `rest` before the others.
    package static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> String {
        // One paragraph: a line break or tab inside it (a backlog title, a commit subject) is a space.
        var text = printable(text)
        if text.contains(where: { $0.isNewline || $0 == "\t" }) {
            text = text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
        }
        var lines: [String] = []
        var line = first
        // A word longer than a line (a path, a URL, a sentence of Chinese) is cut into pieces of the width.
        let room = width - columns(rest)
        let words = text.split(separator: " ").flatMap { word -> [Substring] in
            guard columns(word) > room, room > 1 else { return [word] }
            var pieces: [Substring] = []
            var start = word.startIndex
            var used = 0
            for index in word.indices {
                let wide = columns(word[index...index])
                if used + wide > room {
                    pieces.append(word[start..<index])
                    start = index
                    used = 0
                }
                used += wide
            }
            pieces.append(word[start...])
            return pieces
        }
        var lineColumns = columns(first)
        for word in words {
            let lead = lines.isEmpty ? columns(first) : columns(rest)
            if lineColumns > lead && lineColumns + 1 + columns(word) > width {
                lines.append(line)
                line = rest + word
                lineColumns = columns(rest) + columns(word)
            } else {
                if lineColumns > lead {
                    line += " "
                    lineColumns += 1
                }
                line += word
                lineColumns += columns(word)
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
