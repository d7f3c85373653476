/// What kind of work a task is (METHOD.md, Vocabulary). The raw values are the
/// names users type and reports print.
package enum Category: String, Sendable, Codable, CaseIterable, Comparable {
    case crud
    case dataTransform = "data-transform"
    case apiIntegration = "api-integration"
    case tests
    case parsing
    case migration
    case config
    case algorithm
    case performance
    case distributedState = "distributed-state"
    case security
    case businessLogic = "business-logic"
    case docs
    case maintenance
    case unclassified

    /// Where AI is known to help (`strength`), helps little (`weak`), or neither.
    package var zone: Zone {
        switch self {
        case .crud, .dataTransform, .apiIntegration, .tests, .parsing, .migration, .config: .strength
        case .algorithm, .performance, .distributedState, .security, .businessLogic: .weak
        case .docs, .maintenance, .unclassified: .neutral
        }
    }

    /// Every name, for messages that list the valid ones.
    package static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Declaration order: strength zone first, then weak, then neutral.
    package static func < (lhs: Category, rhs: Category) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// The three zones of METHOD.md.
package enum Zone: String, Sendable, Codable, CaseIterable {
    case strength
    case weak
    case neutral
}
