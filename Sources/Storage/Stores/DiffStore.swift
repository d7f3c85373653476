import Foundation
import Model

/// All SQL for the review's cache of what commits added (`commit_diff`).
package final class DiffStore {
    private let database: Database

    package init(database: Database) {
        self.database = database
    }

    /// The stored diffs of `hashes` in `repository` written by parser version `reader` (others are left out).
    package func diffs(_ hashes: [String], repository: String, reader: Int) throws -> [String: CommitDiff] {
        let statement = try database.prepare("SELECT reader, diff FROM commit_diff WHERE repository = ? AND hash = ?")
        let decoder = JSONDecoder()
        var result: [String: CommitDiff] = [:]
        for hash in hashes {
            let row = try statement.first([.text(repository), .text(hash)]) { ($0.int(0), $0.text(1)) }
            guard let (version, json) = row, version == reader else { continue }
            // A row that no longer decodes is read from git again.
            if let diff = try? decoder.decode(CommitDiff.self, from: Data(json.utf8)) { result[hash] = diff }
        }
        return result
    }

    /// Stores diffs read by parser version `reader`, replacing older ones, in one transaction.
    package func save(_ diffs: [CommitDiff], repository: String, reader: Int) throws {
        guard !diffs.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try database.transaction {
            let statement = try database.prepare(
                "INSERT OR REPLACE INTO commit_diff (repository, hash, reader, diff) VALUES (?, ?, ?, ?)")
            for diff in diffs {
                let json = String(decoding: try encoder.encode(diff), as: UTF8.self)
                try statement.execute([.text(repository), .text(diff.hash), .integer(Int64(reader)), .text(json)])
            }
        }
    }
}
