import Support

/// Each table of a report as CSV: one, chosen by name, or all of them by name.
package enum CSVRenderer {
    /// The table as CSV, its figures as numbers a spreadsheet adds up: a column whose figures are all
    /// hours (`4.5 h`) or percentages (`24%`) drops the unit from its cells and names it in its
    /// header (`effort (h)`, `time saved (%)`). Words (`-`, `too few`, `no ratio`) stay as they are;
    /// a column with any other figure (an interval `0.35–0.63`, `3/2`) is left whole. A table of
    /// one figure a row (the review table: `reviewer hours | 3.5 h | 1.0 h`) does the same by row,
    /// the unit named after the row's label (`median wait to merge (h)`) unless it names it.
    package static func render(_ table: ReportDocument.Table) -> String {
        var header = table.columns
        var rows = table.rows
        // One figure a row: the first column the only one without a digit in any cell (the labels).
        let digitFree = header.indices.filter { column in
            !rows.contains { column < $0.count && $0[column].contains(where: \.isNumber) }
        }
        for row in rows.indices where rows[row].count > 1 && digitFree == [0] {
            let cells = rows[row].dropFirst()
            for unit in Unit.allCases {
                guard cells.contains(where: { unit.number(in: $0) != nil }),
                    cells.allSatisfy({ unit.number(in: $0) != nil || !$0.contains(where: \.isNumber) }),
                    // Each of those columns has figures of other units too: no column pass would take it.
                    cells.indices.allSatisfy({ column in
                        unit.number(in: rows[row][column]) == nil
                            || rows.contains { other in column < other.count && other[column].contains(where: \.isNumber) && unit.number(in: other[column]) == nil }
                    })
                else { continue }
                for column in cells.indices {
                    if let number = unit.number(in: rows[row][column]) { rows[row][column] = number }
                }
                if !unit.isNamed(in: rows[row][0]) { rows[row][0] += " (\(unit.symbol))" }
                break
            }
        }
        for column in header.indices {
            let cells = rows.compactMap { column < $0.count ? $0[column] : nil }
            for unit in Unit.allCases {
                guard cells.contains(where: { unit.number(in: $0) != nil }),
                    cells.allSatisfy({ unit.number(in: $0) != nil || !$0.contains(where: \.isNumber) })
                else { continue }
                for row in rows.indices where column < rows[row].count {
                    if let number = unit.number(in: rows[row][column]) { rows[row][column] = number }
                }
                if !unit.isNamed(in: header[column]) { header[column] += " (\(unit.symbol))" }
                break
            }
        }
        return CSV.row(header) + rows.map { CSV.row($0) }.joined()
    }

    /// The units a report writes after its figures.
    private enum Unit: CaseIterable {
        case hours, percent

        var symbol: String { self == .hours ? "h" : "%" }

        /// The number of `cell` when it is a figure in this unit (`-3.5 h`, `24%`).
        func number(in cell: String) -> String? {
            let suffix = self == .hours ? " h" : "%"
            guard cell.hasSuffix(suffix) else { return nil }
            let number = String(cell.dropLast(suffix.count))
            return Double(number) != nil && number.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) ? number : nil
        }

        /// Whether a header already says the unit (`P50 hours`).
        func isNamed(in header: String) -> Bool {
            self == .hours ? header.lowercased().contains("hour") : header.contains("%")
        }
    }

    /// The table `name`, or nil with the names that exist.
    package static func table(_ document: ReportDocument, named name: String) -> ReportDocument.Table? {
        document.tables.first { $0.name == name }
    }
}
