import Support

/// One self-contained HTML page: inline CSS and SVG, no scripts, no external requests.
package enum HTMLRenderer {
    static let style = """
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#1d1d1f;background:#fff}
        h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
        .subtitle{color:#555}table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
        th,td{padding:.25em .6em;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}
        td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}td.r,td:first-child{white-space:nowrap}.note{color:#555;font-size:.9em}
        svg text{font:12px system-ui,sans-serif;fill:currentColor}svg .chart-title{font-weight:600}
        svg .axis{stroke:#888}svg .reference{stroke:#c00;stroke-dasharray:4 3}svg .whisker{stroke:#333;stroke-width:2}
        svg .point{fill:#555}svg .point.good{fill:#1a7f37}svg .series{fill:none;stroke-width:2.5}
        svg .grid{stroke:#e5e5e5}svg .axis-title{font-size:12px;fill:#555}svg .direct{font-weight:600;stroke:none}
        .s0{stroke:#0969da;fill:#0969da}.s1{stroke:#bf3989;fill:#bf3989}.s2{stroke:#1a7f37;fill:#1a7f37}.s3{stroke:#9a6700;fill:#9a6700}
        svg polyline.series,svg line.series{fill:none}svg .d1{stroke-dasharray:7 4}svg .d2{stroke-dasharray:2 3}
        svg .marker{stroke:none}svg text.direct.s0{fill:#0969da}svg text.direct.s1{fill:#bf3989}
        figure{margin:1em 0;display:flex;flex-wrap:wrap;gap:.5em 1.5em;align-items:flex-start}figure svg{flex:1 1 560px;height:auto}
        details{flex:0 1 300px;font-size:.9em}summary{cursor:pointer;color:#555}details table{margin-top:.3em}
        @media (prefers-color-scheme:dark){body{background:#111;color:#e6e6e6}th,td{border-color:#333}.subtitle,.note{color:#aaa}svg .whisker{stroke:#ccc}svg .grid{stroke:#333}svg .axis-title{fill:#aaa}}
        @media print{body{margin:0;max-width:none;font-size:11pt;color:#000;background:#fff}h2{break-after:avoid}
        figure,table,li{break-inside:avoid}details{display:none}summary{display:none}svg .grid{stroke:#ccc}}
        """

    package static func render(_ document: ReportDocument) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        // Defence in depth beside the escaping: the page may load and run nothing, only its own styles.
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        out += "<title>\(HTML.escape(document.title))</title><style>\(style)</style></head><body>\n"
        out += "<h1>\(HTML.escape(document.title))</h1>\n<p class=\"subtitle\">\(HTML.escape(document.subtitle))</p>\n"
        for block in document.blocks {
            switch block {
            case .heading(let text): out += "<h2>\(HTML.escape(text))</h2>\n"
            case .paragraph(let text): out += "<p>\(HTML.escape(text))</p>\n"
            case .list(let items): out += "<ul>" + items.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>\n"
            case .table(let table):
                guard !table.rows.isEmpty else {
                    if !table.quietWhenEmpty { out += "<p class=\"note\">(none)</p>\n" }
                    continue
                }
                out += self.table(table) + "\n"
                if let note = table.note { out += "<p class=\"note\">\(HTML.escape(note))</p>\n" }
            case .chart(let chart):
                out += "<figure>\(SVGChart.render(chart))"
                if let table = data(of: chart), !table.rows.isEmpty {
                    out += "<details><summary>Data of this chart</summary>\(self.table(table))</details>"
                }
                out += "</figure>\n"
            }
        }
        return out + "</body></html>\n"
    }

    static func table(_ table: ReportDocument.Table) -> String {
        var out = "<table><thead><tr>"
        for (index, column) in table.columns.enumerated() {
            out += "<th\(table.alignments[index] == .right ? " class=\"r\"" : "")>\(HTML.escape(column))</th>"
        }
        out += "</tr></thead><tbody>"
        for row in table.rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() {
                let right = index < table.alignments.count && table.alignments[index] == .right
                out += "<td\(right ? " class=\"r\"" : "")>\(HTML.escape(cell))</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }

    /// The figures a chart draws, as a table: a reader can check them, and a screen reader reads them.
    static func data(of chart: ReportDocument.Chart) -> ReportDocument.Table? {
        func figure(_ value: Double?) -> String { value.map { Format.fixed($0, $0.magnitude >= 100 ? 0 : 2) } ?? "-" }
        switch chart.kind {
        case .intervals(let points, _):
            return ReportDocument.Table(
                name: "chart", columns: [("", .left), ("value", .right), ("95% low", .right), ("95% high", .right)],
                rows: points.filter(\.isFinite).map { [$0.label, figure($0.value), figure($0.low), figure($0.high)] })
        case .lines(let labels, let series):
            // A series of whole numbers (tasks per week) is shown as counts, not as 25.00.
            let counts = series.map { $0.values.allSatisfy { value in value.map { $0 == $0.rounded() && $0.magnitude < 1e15 } ?? true } }
            return ReportDocument.Table(
                name: "chart", columns: [(chart.xAxis.isEmpty ? "" : chart.xAxis, .left)] + series.map { ($0.name, .right) },
                rows: labels.indices.map { index in
                    [labels[index]] + series.indices.map { position in
                        let values = series[position].values
                        guard index < values.count else { return "-" }
                        guard counts[position], let value = values[index] else { return figure(values[index]) }
                        return String(Int64(value))
                    }
                })
        case .shares(let labels, let parts, let values):
            return ReportDocument.Table(
                name: "chart", columns: [("", .left)] + parts.map { ($0 + " (%)", .right) },
                rows: labels.indices.map { row in
                    let cells = row < values.count ? values[row].map { $0.isFinite && $0 > 0 ? $0 : 0 } : []
                    let total = cells.reduce(0, +)
                    return [labels[row]] + parts.indices.map { index in
                        index < cells.count && total > 0 ? Format.fixed(cells[index] / total * 100, 0) : "0"
                    }
                })
        }
    }
}
