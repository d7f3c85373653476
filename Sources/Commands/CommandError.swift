import Classification
import Ingestion
import Storage
import Support

/// A mistake on the command line: printed with the command's usage, exit 64.
package struct UsageError: Error, CustomStringConvertible, Equatable {
    package var message: String
    /// The command whose usage to show, if known.
    package var command: String?

    package init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    package var description: String { message }
}

/// Errors of the command layer that are not usage mistakes.
package enum CommandError: Error, CustomStringConvertible {
    case missingInput(String)
    case badData(String)
    case io(String)

    package var description: String {
        switch self {
        case .missingInput(let message), .badData(let message), .io(let message): return message
        }
    }
}

extension ExitCode {
    /// The exit code that fits an error, and the message to print for it.
    static func classify(_ error: Error) -> (ExitCode, String) {
        switch error {
        case let error as UsageError: return (.usage, error.message)
        case let error as CommandError:
            switch error {
            case .missingInput: return (.noInput, error.description)
            case .badData: return (.dataError, error.description)
            case .io: return (.ioError, error.description)
            }
        case let error as IngestionError:
            switch error {
            case .missingPath: return (.noInput, error.description)
            case .notARepository, .malformedGitOutput, .badRecord, .notAFile: return (.dataError, error.description)
            case .git: return (.failure, error.description)
            case .storage(let storage): return classify(storage)
            }
        case let error as StorageError:
            switch error {
            case .notADatabase, .foreignDatabase, .newerSchema, .olderSchema, .corrupt, .notAnExport, .damagedExport:
                return (.dataError, error.description)
            case .missing: return (.noInput, error.description)
            case .cannotOpen: return (.ioError, error.description)
            case .sqlite(let sqlite, _):
                // SQLITE_CORRUPT (11): the file is damaged, bad data rather than a failed write.
                if sqlite.primaryCode == 11 {
                    return (.dataError, "\(error.description); the database file is damaged: restore it from a copy, "
                        + "or delete it and ingest again")
                }
                if sqlite.isAlteredSchema {
                    return (.dataError, "\(error.description); \(SQLiteError.alteredSchemaAdvice)")
                }
                // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another process holds the database.
                return ([5, 6].contains(sqlite.primaryCode) ? .failure : .ioError, error.description)
            }
        case let error as ConfigError:
            switch error {
            case .unreadable: return (.noInput, error.description)
            case .invalid: return (.dataError, error.description)
            }
        case let error as SQLiteError:
            if error.primaryCode == 11 {
                return (.dataError, "database error: \(error); the database file is damaged: restore it from a copy, "
                    + "or delete it and ingest again")
            }
            if error.isAlteredSchema { return (.dataError, "database error: \(error); \(SQLiteError.alteredSchemaAdvice)") }
            return (.ioError, "database error: \(error)")
        case let error as StreamingProcess.Failure: return (.failure, error.description)
        default: return (.software, "internal error: \(error)")
        }
    }
}
