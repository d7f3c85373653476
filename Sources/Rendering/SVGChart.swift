import Foundation
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

    static func open(_ chart: ReportDocument.Chart, height: Double, titleX: Double = left) -> String {
        "<svg role=\"img\" aria-label=\"\(HTML.escape(chart.title))\" "
            + "viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"100%\" style=\"max-width:\(Int(width))px\">"
            + "<title>\(HTML.escape(chart.title))</title>"
            + "<text x=\"\(number(titleX))\" y=\"18\" class=\"chart-title\">\(HTML.escape(chart.title))</text>"
    }

    static func intervals(_ chart: ReportDocument.Chart, _ points: [ReportDocument.IntervalPoint], reference: Double) -> String {
        let rowHeight = 22.0
        let plotHeight = max(1, Double(points.count)) * rowHeight
        let height = top + plotHeight + 66
        let values = points.flatMap { [$0.low, $0.high, $0.value] } + [reference]
        let low = max(0, (values.min() ?? 0) * 0.95)
        let high = max(low + 0.1, (values.max() ?? 1) * 1.05)
        let step = roundStep((high - low) / 5)
        let minimum = (low / step).rounded(.down) * step
        let maximum = (high / step).rounded(.up) * step
        let plotWidth = width - left - right
        func x(_ value: Double) -> Double { left + (value - minimum) / (maximum - minimum) * plotWidth }
        var svg = open(chart, height: height)
        // Axis and ticks.
        let axisY = top + plotHeight + 6
        svg += "<line x1=\"\(number(left))\" y1=\"\(number(axisY))\" x2=\"\(number(width - right))\" y2=\"\(number(axisY))\" class=\"axis\"/>"
        let decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2
        for index in 0...Int(((maximum - minimum) / step).rounded()) {
            let value = minimum + Double(index) * step
            svg += "<line x1=\"\(number(x(value)))\" y1=\"\(number(top))\" x2=\"\(number(x(value)))\" y2=\"\(number(axisY))\" class=\"grid\"/>"
            svg += "<text x=\"\(number(x(value)))\" y=\"\(number(axisY + 16))\" text-anchor=\"middle\" class=\"tick\">\(Format.fixed(value, decimals))</text>"
        }
        svg += "<text x=\"\(number(left + plotWidth / 2))\" y=\"\(number(axisY + 32))\" text-anchor=\"middle\" class=\"tick\">\(HTML.escape(chart.axis))</text>"
        svg += "<line x1=\"\(number(x(reference)))\" y1=\"\(number(top))\" x2=\"\(number(x(reference)))\" y2=\"\(number(axisY))\" class=\"reference\"/>"
        // What the marks mean.
        let legendY = axisY + 50
        svg += "<circle cx=\"\(number(left + 5))\" cy=\"\(number(legendY - 4))\" r=\"4\" class=\"point good\"/>"
        svg += "<text x=\"\(number(left + 14))\" y=\"\(number(legendY))\" class=\"tick\">whole interval below \(Format.fixed(reference, 1))</text>"
        svg += "<circle cx=\"\(number(left + 175))\" cy=\"\(number(legendY - 4))\" r=\"4\" class=\"point\"/>"
        svg += "<text x=\"\(number(left + 184))\" y=\"\(number(legendY))\" class=\"tick\">interval includes or exceeds it</text>"
        svg += "<line x1=\"\(number(left + 380))\" y1=\"\(number(legendY - 10))\" x2=\"\(number(left + 380))\" y2=\"\(number(legendY + 2))\" class=\"reference\"/>"
        svg += "<text x=\"\(number(left + 388))\" y=\"\(number(legendY))\" class=\"tick\">\(Format.fixed(reference, 1)) = no change</text>"
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

    /// Series as lines over the steps: a value axis with round ticks and grid lines, both axes
    /// titled, each series in its own colour and dash pattern (readable in black and white),
    /// named beside its line and in a legend.
    static func lines(_ chart: ReportDocument.Chart, labels: [String], series: [ReportDocument.Series]) -> String {
        let plotHeight = 180.0
        let legendRows = Double((series.count + 2) / 3)
        let height = top + plotHeight + 58 + legendRows * 16
        let values = series.flatMap(\.values).compactMap { $0 }.filter(\.isFinite)
        let (step, maximum) = ticks(max(values.max() ?? 1, 1e-9))
        let decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2
        // Narrower margins than the interval chart's, whose left margin holds category names.
        let left = 70.0
        // Room on the right for the series' names at their lines' ends.
        let right = series.contains { $0.labelAt == nil } ? 100.0 : 30.0
        let plotWidth = width - left - right
        func x(_ index: Int) -> Double { labels.count <= 1 ? left + plotWidth / 2 : left + Double(index) / Double(labels.count - 1) * plotWidth }
        func y(_ value: Double) -> Double { top + plotHeight - max(0, value) / maximum * plotHeight }
        var svg = open(chart, height: height, titleX: left)
        // Value axis: grid lines at round ticks, and its title turned along it.
        var tick = 0.0
        while tick <= maximum + step / 2 {
            svg += "<line x1=\"\(number(left))\" y1=\"\(number(y(tick)))\" x2=\"\(number(width - right))\" y2=\"\(number(y(tick)))\" class=\"\(tick == 0 ? "axis" : "grid")\"/>"
            svg += "<text x=\"\(number(left - 6))\" y=\"\(number(y(tick) + 4))\" text-anchor=\"end\" class=\"tick\">\(Format.fixed(tick, decimals))</text>"
            tick += step
        }
        svg += "<text transform=\"translate(\(number(left - 44)),\(number(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"axis-title\">\(HTML.escape(chart.axis))</text>"
        // Steps: at most about a dozen labels, so long histories stay readable.
        let every = max(1, (labels.count + 11) / 12)
        for (index, label) in labels.enumerated() where index % every == 0 || index == labels.count - 1 {
            if index == labels.count - 1 && index % every != 0 && index % every < every / 2 { continue }  // too close to the last label drawn
            svg += "<line x1=\"\(number(x(index)))\" y1=\"\(number(top + plotHeight))\" x2=\"\(number(x(index)))\" y2=\"\(number(top + plotHeight + 4))\" class=\"axis\"/>"
            let anchor = labels.count > 1 && index == labels.count - 1 ? "end" : index == 0 && labels.count > 1 ? "start" : "middle"
            svg += "<text x=\"\(number(x(index)))\" y=\"\(number(top + plotHeight + 17))\" text-anchor=\"\(anchor)\" class=\"tick\">\(HTML.escape(label))</text>"
        }
        if !chart.xAxis.isEmpty {
            svg += "<text x=\"\(number(left + plotWidth / 2))\" y=\"\(number(top + plotHeight + 36))\" text-anchor=\"middle\" class=\"axis-title\">\(HTML.escape(chart.xAxis))</text>"
        }
        // Names at the lines' ends, pushed apart where they would overlap.
        var endLabels: [(series: Int, y: Double)] = series.indices.compactMap { index in
            guard series[index].labelAt == nil,
                let last = series[index].values.lastIndex(where: { $0.map(\.isFinite) ?? false }),
                let value = series[index].values[last]
            else { return nil }
            return (index, y(value) + 4)
        }.sorted { $0.y < $1.y }
        for index in endLabels.indices.dropFirst() where endLabels[index].y - endLabels[index - 1].y < 14 {
            endLabels[index].y = endLabels[index - 1].y + 14
        }
        if let lowest = endLabels.last?.y, lowest > top + plotHeight + 4 {
            for index in endLabels.indices { endLabels[index].y -= lowest - (top + plotHeight + 4) }
        }
        for (seriesIndex, item) in series.enumerated() {
            let style = "s\(seriesIndex % 4)"
            let points = item.values.enumerated().compactMap { index, value -> (Int, Double)? in
                guard let value, value.isFinite else { return nil }
                return (index, value)
            }
            if !points.isEmpty {
                let path = points.map { "\(number(x($0.0))),\(number(y($0.1)))" }.joined(separator: " ")
                svg += "<g class=\"\(style)\"><title>\(HTML.escape(item.name))</title>"
                svg += "<polyline points=\"\(path)\" class=\"series d\(seriesIndex % 3)\"/>"
                if points.count <= 60 {
                    for (index, value) in points {
                        svg += "<circle cx=\"\(number(x(index)))\" cy=\"\(number(y(value)))\" r=\"2.5\" class=\"marker\"/>"
                    }
                }
                svg += "</g>"
                // The name beside the line: at `labelAt` (even series to its left, odd to its right), else at the end.
                let at = item.labelAt.flatMap { wanted in points.first { $0.0 == wanted } } ?? points[points.count - 1]
                let leftSide = item.labelAt != nil ? seriesIndex % 2 == 0 : false
                let anchorX = x(at.0) + (leftSide ? -10 : 12)
                let clampedX = leftSide ? max(left + 40, anchorX) : min(width - 4, anchorX)
                let anchor = leftSide ? "end" : "start"
                let labelY = item.labelAt == nil ? endLabels.first { $0.series == seriesIndex }?.y ?? y(at.1) + 4 : y(at.1) + 4
                svg += "<text x=\"\(number(clampedX))\" y=\"\(number(labelY))\" text-anchor=\"\(anchor)\" class=\"direct \(style)\">\(HTML.escape(item.name))</text>"
            }
            let legendY = top + plotHeight + 56 + Double(seriesIndex / 3) * 16
            let legendX = left + Double(seriesIndex % 3) * 170
            svg += "<line x1=\"\(number(legendX))\" y1=\"\(number(legendY - 4))\" x2=\"\(number(legendX + 24))\" y2=\"\(number(legendY - 4))\" class=\"series d\(seriesIndex % 3) \(style)\"/>"
            svg += "<text x=\"\(number(legendX + 30))\" y=\"\(number(legendY))\" class=\"tick\">\(HTML.escape(item.name))</text>"
        }
        return svg + "</svg>"
    }

    /// A round tick step (1, 2, 2.5 or 5 × a power of ten) for about four steps up to `maximum`,
    /// and the axis top: the first tick at or above it.
    static func ticks(_ maximum: Double) -> (step: Double, top: Double) {
        let step = roundStep(maximum / 4)
        return (step, max(step, (maximum / step - 1e-9).rounded(.up) * step))
    }

    /// The smallest of 1, 2, 2.5, 5 × a power of ten at or above `rough`.
    static func roundStep(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let power = pow(10, log10(rough).rounded(.down))
        return [1.0, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= rough - 1e-12 } ?? 10 * power
    }
}

extension SVGChart {
    static func shares(_ chart: ReportDocument.Chart, labels: [String], parts: [String], values: [[Double]]) -> String {
        let rowHeight = 26.0
        let height = top + Double(labels.count) * rowHeight + 50
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
        let legendY = top + Double(labels.count) * rowHeight + 34
        for share in [0.0, 0.25, 0.5, 0.75, 1] {
            let anchor = share == 0 ? "start" : share == 1 ? "end" : "middle"
            svg += "<text x=\"\(number(left + share * plotWidth))\" y=\"\(number(legendY - 18))\" text-anchor=\"\(anchor)\" class=\"tick\">\(Format.fixed(share * 100, 0))%</text>"
        }
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
