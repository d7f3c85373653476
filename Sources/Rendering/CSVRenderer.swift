import Support

/// Each table of a report as CSV: one, chosen by name, or all of them by name.
package enum CSVRenderer {
    package static func render(_ table: ReportDocument.Table) -> String {
        CSV.row(table.columns) + table.rows.map(CSV.row).joined()
    }

    /// The table `name`, or nil with the names that exist.
    package static func table(_ document: ReportDocument, named name: String) -> ReportDocument.Table? {
        document.tables.first { $0.name == name }
    }
}
