import Support

/// Inline SVG for the report charts: interval whiskers against a reference line, and
/// line series over labelled steps. Numbers are printed with fixed decimals (POSIX),
/// every text is escaped, empty or non-finite data draws an empty frame.
package enum SVGChart {
    static let width = 640.0
    static let left = 150.0
    static let right = 20.0
    static let top = 30.0

    package static func render(_ chart: ReportDocument.Chart) -> String {
        switch chart.kind {
        case .intervals(let points, let reference): intervals(chart, points.filter(\.isFinite), reference: reference)
        case .lines(let labels, let series): lines(chart, labels: labels, series: series)
        case .shares(let labels, let parts, let values): shares(chart, labels: labels, parts: parts, values: values)
        }
    }

    static func number(_ value: Double) -> String { Format.fixed(value, 1) }

    static func open(_ chart: ReportDocument.Chart, height: Double) -> String {
        "<svg role=\"img\" aria-label=\"\(HTML.escape(chart.title))\" "
            + "viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"100%\" style=\"max-width:\(Int(width))px\">"
            + "<title>\(HTML.escape(chart.title))</title>"
            + "<text x=\"\(number(left))\" y=\"18\" class=\"chart-title\">\(HTML.escape(chart.title))</text>"
    }

    static func intervals(_ chart: ReportDocument.Chart, _ points: [ReportDocument.IntervalPoint], reference: Double) -> String {
        let rowHeight = 22.0
        let plotHeight = max(1, Double(points.count)) * rowHeight
        let height = top + plotHeight + 40
        let values = points.flatMap { [$0.low, $0.high, $0.value] } + [reference]
        let minimum = max(0, (values.min() ?? 0) * 0.9)
        let maximum = max(minimum + 0.1, (values.max() ?? 1) * 1.1)
        let plotWidth = width - left - right
        func x(_ value: Double) -> Double { left + (value - minimum) / (maximum - minimum) * plotWidth }
        var svg = open(chart, height: height)
        // Axis and ticks.
        let axisY = top + plotHeight + 6
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(axisY))\" x2=\"\(number(width - right))\" y2=\"\(number(axisY))\" class=\"axis\"/>"
        for step in 0...4 {
            let value = minimum + (maximum - minimum) * Double(step) / 4
            svg += "<text x=\"\(number(x(value)))\" y=\"\(number(axisY + 16))\" text-anchor=\"middle\" class=\"tick\">\(Format.fixed(value, 2))</text>"
        }
        svg += "<text x=\"\(number(left + plotWidth / 2))\" y=\"\(number(axisY + 32))\" text-anchor=\"middle\" class=\"tick\">\(HTML.escape(chart.axis))</text>"
        svg += "<line x1=\"\(number(x(reference)))\" y1=\"\(number(top))\" x2=\"\(number(x(reference)))\" y2=\"\(number(axisY))\" class=\"reference\"/>"
        for (index, point) in points.enumerated() {
            let y = top + Double(index) * rowHeight + rowHeight / 2
            let tip = "\(point.label): \(Format.fixed(point.value, 2)) (95% interval \(Format.fixed(point.low, 2))–\(Format.fixed(point.high, 2)))"
            svg += "<g><title>\(HTML.escape(tip))</title>"
            svg += "<text x=\"\(number(left - 8))\" y=\"\(number(y + 4))\" text-anchor=\"end\" class=\"label\">\(HTML.escape(point.label))</text>"
            svg += "<line x1=\"\(number(x(point.low)))\" y1=\"\(number(y))\" x2=\"\(number(x(point.high)))\" y2=\"\(number(y))\" class=\"whisker\"/>"
            svg += "<circle cx=\"\(number(x(point.value)))\" cy=\"\(number(y))\" r=\"4\" class=\"\(point.high < reference ? "point good" : "point")\"/></g>"
        }
        return svg + "</svg>"
    }

    static func lines(_ chart: ReportDocument.Chart, labels: [String], series: [ReportDocument.Series]) -> String {
        let plotHeight = 160.0
        let height = top + plotHeight + 60
        let values = series.flatMap(\.values).compactMap { $0 }.filter(\.isFinite)
        let maximum = max(1e-9, values.max() ?? 1)
        let plotWidth = width - left - right
        func x(_ index: Int) -> Double { labels.count <= 1 ? left + plotWidth / 2 : left + Double(index) / Double(labels.count - 1) * plotWidth }
        func y(_ value: Double) -> Double { top + plotHeight - value / maximum * plotHeight }
        var svg = open(chart, height: height)
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(top + plotHeight))\" x2=\"\(number(width - right))\" y2=\"\(number(top + plotHeight))\" class=\"axis\"/>"
        svg += "<text x=\"\(number(left - 8))\" y=\"\(number(top + 4))\" text-anchor=\"end\" class=\"tick\">\(Format.fixed(maximum, 1))</text>"
        svg += "<text x=\"\(number(left - 8))\" y=\"\(number(top + plotHeight))\" text-anchor=\"end\" class=\"tick\">0</text>"
        // At most about a dozen labels, so long histories stay readable.
        let every = max(1, (labels.count + 11) / 12)
        for (index, label) in labels.enumerated() where index % every == 0 || index == labels.count - 1 {
            svg += "<text x=\"\(number(x(index)))\" y=\"\(number(top + plotHeight + 16))\" text-anchor=\"middle\" class=\"tick\">\(HTML.escape(label))</text>"
        }
        for (seriesIndex, item) in series.enumerated() {
            let points = item.values.enumerated().compactMap { index, value -> String? in
                guard let value, value.isFinite else { return nil }
                return "\(number(x(index))),\(number(y(value)))"
            }
            if !points.isEmpty {
                svg += "<polyline points=\"\(points.joined(separator: " "))\" class=\"series s\(seriesIndex % 4)\"><title>\(HTML.escape(item.name))</title></polyline>"
            }
            let legendY = top + plotHeight + 34 + Double(seriesIndex / 2) * 14
            let legendX = left + Double(seriesIndex % 2) * 220
            svg += "<rect x=\"\(number(legendX))\" y=\"\(number(legendY - 8))\" width=\"10\" height=\"3\" class=\"swatch s\(seriesIndex % 4)\"/>"
            svg += "<text x=\"\(number(legendX + 14))\" y=\"\(number(legendY))\" class=\"tick\">\(HTML.escape(item.name))</text>"
        }
        return svg + "</svg>"
    }
}

extension SVGChart {
    static func shares(_ chart: ReportDocument.Chart, labels: [String], parts: [String], values: [[Double]]) -> String {
        let rowHeight = 26.0
        let height = top + Double(labels.count) * rowHeight + 40
        let plotWidth = width - left - right
        var svg = open(chart, height: height)
        for (row, label) in labels.enumerated() {
            let y = top + Double(row) * rowHeight
            let cells = row < values.count ? values[row].map { $0.isFinite && $0 > 0 ? $0 : 0 } : []
            let total = cells.reduce(0, +)
            svg += "<text x=\"\(number(left - 8))\" y=\"\(number(y + 15))\" text-anchor=\"end\" class=\"label\">\(HTML.escape(label))</text>"
            var x = left
            for (index, value) in cells.enumerated() where total > 0 {
                let share = value / total
                let name = index < parts.count ? parts[index] : ""
                svg += "<rect x=\"\(number(x))\" y=\"\(number(y + 3))\" width=\"\(number(share * plotWidth))\" height=\"16\" class=\"swatch s\(index % 4)\">"
                svg += "<title>\(HTML.escape("\(label), \(name): \(Format.fixed(share * 100, 0))%"))</title></rect>"
                x += share * plotWidth
            }
        }
        let legendY = top + Double(labels.count) * rowHeight + 16
        for (index, part) in parts.enumerated() {
            let legendX = left + Double(index) * 140
            svg += "<rect x=\"\(number(legendX))\" y=\"\(number(legendY - 9))\" width=\"10\" height=\"10\" class=\"swatch s\(index % 4)\"/>"
            svg += "<text x=\"\(number(legendX + 14))\" y=\"\(number(legendY))\" class=\"tick\">\(HTML.escape(part))</text>"
        }
        return svg + "</svg>"
    }
}

extension ReportDocument.IntervalPoint {
    var isFinite: Bool { value.isFinite && low.isFinite && high.isFinite }
}
