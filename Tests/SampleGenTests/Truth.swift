import Foundation
@testable import SampleGen

/// truth.json, decoded for the tests.
struct Truth: Decodable {
    struct Task: Decodable {
        let key: String
        let category: String
        let zone: String
        let ai: Bool
        let bot: Bool
        let commitMarks: [Int]
        let commitHashes: [String]
        let mergeMark: Int?
        let effortHours: Double
        let sessions: [String]
    }

    struct Effect: Decodable {
        let ratio: Double
        let zone: String
        let observedRatio: Double?
    }

    struct Counts: Decodable {
        let commits: Int
    }

    let tasks: [Task]
    let effects: [String: Effect]
    let baselineMarks: [Int]
    let counts: Counts

    var commitCount: Int { counts.commits }

    init(_ files: [GeneratedFile]) throws {
        let bytes = files.first { $0.path == "truth.json" }?.bytes ?? []
        self = try JSONDecoder().decode(Truth.self, from: Data(bytes))
    }
}
