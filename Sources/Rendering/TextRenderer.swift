import Foundation
import Support

/// Aligned tables and wrapped paragraphs for a terminal of a given width.
package enum TextRenderer {
    package static func render(_ document: ReportDocument, width: Int) -> String {
        let width = max(40, width)
        var out = wrap(document.title, width: width) + "\n" + String(repeating: "=", count: min(width, Format.columns(document.title))) + "\n"
        out += wrap(document.subtitle, width: width) + "\n"
        for block in document.blocks {
            switch block {
            case .heading(let text):
                out += "\n" + wrap(text, width: width) + "\n" + String(repeating: "-", count: min(width, Format.columns(text))) + "\n"
            case .paragraph(let text):
                out += wrap(text, width: width) + "\n"
            case .list(let items):
                for item in items { out += wrap(item, width: width, first: "- ", rest: "  ") + "\n" }
            case .table(let table) where table.rows.isEmpty && table.quietWhenEmpty:
                continue
            case .table(let table):
                if table.rows.isEmpty {
                    out += "(none)\n"
                } else {
                    let right = Set(table.alignments.indices.filter { table.alignments[$0] == .right })
                    let fitted = Format.fit(
                        header: table.columns, rows: table.rows, width: width, rightAligned: right, priority: table.priority,
                        flexible: table.flexible)
                    out += fitted.text
                    if !fitted.hidden.isEmpty {
                        out += wrap(
                            "Not shown at this width: \(fitted.hidden.joined(separator: ", ")) "
                                + "(--format csv, json or html has every column).", width: width) + "\n"
                    }
                }
                if let note = table.note { out += wrap(note, width: width) + "\n" }
            case .chart(let chart):
                out += chartText(chart, width: width)
            }
        }
        return out
    }

    /// Interval charts as a row of dashes and a marker per label; line charts are left to the tables.
    static func chartText(_ chart: ReportDocument.Chart, width: Int) -> String {
        guard case .intervals(let all, let reference) = chart.kind else { return "" }
        let points = all.filter(\.isFinite)
        guard !points.isEmpty, reference.isFinite else { return "" }
        let labelWidth = min(20, points.map(\.label.count).max() ?? 0)
        let span = max(10, width - labelWidth - 4)
        let values = points.flatMap { [$0.low, $0.high] } + [reference]
        let low = max(0, (values.min() ?? 0) * 0.9)
        let high = max(low + 0.1, (values.max() ?? 1) * 1.1)
        func column(_ value: Double) -> Int { min(span - 1, max(0, Int((value - low) / (high - low) * Double(span - 1)))) }
        var out = "\n" + wrap(chart.title + ". Across: \(chart.axis); | marks \(Format.fixed(reference, 1)).", width: width) + "\n"
        for point in points {
            var line = [Character](repeating: " ", count: span)
            for index in column(point.low)...max(column(point.low), column(point.high)) { line[index] = "-" }
            line[column(reference)] = "|"
            line[column(point.value)] = "o"
            let label = point.label.count > labelWidth ? String(point.label.prefix(labelWidth - 1)) + "…" : point.label
            var text = label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + String(line)
            while text.hasSuffix(" ") { text.removeLast() }
            out += text + "\n"
        }
        // The scale: the two ends and the reference, where they do not overlap.
        var scale = [Character](repeating: " ", count: span + 8)
        for value in [low, reference, high] {
            let label = Array(Format.fixed(value, 2))
            let start = min(max(0, column(value) - label.count / 2), span - label.count)
            guard start >= 0, scale[max(0, start - 1)..<min(scale.count, start + label.count + 1)].allSatisfy({ $0 == " " }) else {
                continue
            }
            for (offset, character) in label.enumerated() { scale[start + offset] = character }
        }
        var axis = String(repeating: " ", count: labelWidth + 2) + String(scale)
        while axis.hasSuffix(" ") { axis.removeLast() }
        return out + axis + "\n"
    }

    /// Words wrapped at `width` (see `Format.wrap`).
    package static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> String {
        Format.wrap(text, width: width, first: first, rest: rest)
    }
}
