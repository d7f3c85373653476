/// One self-contained HTML page: inline CSS and SVG, no scripts, no external requests.
package enum HTMLRenderer {
    static let style = """
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#1d1d1f;background:#fff}
        h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
        .subtitle{color:#555}table{border-collapse:collapse;margin:.6em 0;font-size:.92em}
        th,td{padding:.25em .6em;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}
        td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}.note{color:#555;font-size:.9em}
        svg text{font:12px system-ui,sans-serif;fill:currentColor}svg .chart-title{font-weight:600}
        svg .axis{stroke:#888}svg .reference{stroke:#c00;stroke-dasharray:4 3}svg .whisker{stroke:#333;stroke-width:2}
        svg .point{fill:#555}svg .point.good{fill:#1a7f37}svg .series{fill:none;stroke-width:2}
        .s0{stroke:#0969da;fill:#0969da}.s1{stroke:#bf3989;fill:#bf3989}.s2{stroke:#1a7f37;fill:#1a7f37}.s3{stroke:#9a6700;fill:#9a6700}
        svg polyline.series{fill:none}
        @media (prefers-color-scheme:dark){body{background:#111;color:#e6e6e6}th,td{border-color:#333}.subtitle,.note{color:#aaa}svg .whisker{stroke:#ccc}}
        @media print{body{margin:0}}
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
                    out += "<p class=\"note\">(none)</p>\n"
                    continue
                }
                out += "<table><thead><tr>"
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
                out += "</tbody></table>\n"
                if let note = table.note { out += "<p class=\"note\">\(HTML.escape(note))</p>\n" }
            case .chart(let chart): out += "<figure>\(SVGChart.render(chart))</figure>\n"
            }
        }
        return out + "</body></html>\n"
    }
}
