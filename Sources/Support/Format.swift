import Foundation

/// Number and table formatting for terminal output, the same on every platform and locale.
package enum Format {
    /// `value` with `digits` decimals and a `.` point; never `-0.0`, `nan` as `-`.
    package static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "-" }
        let text = String(format: "%.\(digits)f", locale: nil, value)
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// An aligned table; the last column is cut with `…` to fit `width` (never below 10 characters).
    package static func table(header: [String], rows: [[String]], width: Int, rightAligned: Set<Int> = []) -> String {
        let all = [header] + rows
        var widths = header.indices.map { column in all.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        if let last = widths.indices.last {
            let used = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
            widths[last] = max(10, min(widths[last], width - used))
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (column, cell) in cells.enumerated() {
                let target = widths[column]
                var text = cell
                if text.count > target { text = String(text.prefix(max(0, target - 1))) + "…" }
                let pad = String(repeating: " ", count: max(0, target - text.count))
                if column == cells.count - 1 && !rightAligned.contains(column) {
                    parts.append(text)
                } else {
                    parts.append(rightAligned.contains(column) ? pad + text : text + pad)
                }
            }
            var joined = parts.joined(separator: "  ")
            while joined.hasSuffix(" ") { joined.removeLast() }
            return joined + "\n"
        }
        return all.map(line).joined()
    }
}
