/// A report in a format-neutral shape: the builders fill it, the renderers print it.
package struct ReportDocument: Sendable, Equatable {
    package enum Block: Sendable, Equatable {
        case heading(String)
        case paragraph(String)
        case list([String])
        case table(Table)
        case chart(Chart)
    }

    package struct Table: Sendable, Equatable {
        package enum Alignment: Sendable { case left, right }
        /// The name `--table` selects and CSV files are called by.
        package var name: String
        package var columns: [String]
        package var alignments: [Alignment]
        package var rows: [[String]]
        package var note: String?
        /// Column indexes, most important first: on a narrow terminal the text renderer keeps
        /// these while they fit (unlisted columns follow in table order) and names the rest.
        package var priority: [Int]
        /// The column that may be shortened with `…` (a title), if any; no other cell is cut.
        package var flexible: Int?
        /// With no rows, the text, Markdown and HTML renderers print nothing for it, neither "(none)"
        /// nor its note (a sentence beside it says what is empty); CSV still writes its header.
        package var quietWhenEmpty: Bool

        /// `priority` and `flexible` name columns; a name that is not a column is ignored.
        package init(
            name: String, columns: [(String, Alignment)], rows: [[String]], note: String? = nil, priority: [String] = [],
            flexible: String? = nil, quietWhenEmpty: Bool = false
        ) {
            self.quietWhenEmpty = quietWhenEmpty
            self.name = name
            self.columns = columns.map(\.0)
            self.alignments = columns.map(\.1)
            self.rows = rows
            self.note = note
            let names = columns.map(\.0)
            self.priority = priority.compactMap { names.firstIndex(of: $0) }
            self.flexible = flexible.flatMap { names.firstIndex(of: $0) }
        }
    }

    package struct Chart: Sendable, Equatable {
        package enum Kind: Sendable, Equatable {
            /// Points with whiskers and a reference line (speedup per category, 1.0 = no change).
            case intervals([IntervalPoint], reference: Double)
            /// Series over labelled steps (weekly trends), drawn as lines.
            case lines(labels: [String], series: [Series])
            /// One stacked bar of shares per label (zone mix): `parts` name the segments.
            case shares(labels: [String], parts: [String], values: [[Double]])
        }
        package var title: String
        package var kind: Kind
        /// What the value axis measures, with its unit, e.g. "tasks finished" or "hours saved (h)".
        package var axis: String
        /// What the steps of a line chart are, e.g. "ISO week"; empty for other kinds.
        package var xAxis: String = ""
    }

    package struct IntervalPoint: Sendable, Equatable {
        package var label: String
        package var value: Double
        package var low: Double
        package var high: Double
    }

    package struct Series: Sendable, Equatable {
        package var name: String
        package var values: [Double?]
        /// Where the series' name is written beside its line (default: its last point).
        package var labelAt: Int? = nil
    }

    package var title: String
    package var subtitle: String
    package var blocks: [Block]

    package init(title: String, subtitle: String, blocks: [Block] = []) {
        self.title = title
        self.subtitle = subtitle
        self.blocks = blocks
    }

    package var tables: [Table] {
        blocks.compactMap { if case .table(let table) = $0 { return table } else { return nil } }
    }
}
