import Storage

/// The formats logs were recognised as when last read, with the size and modification time they
/// had then: a log that has not changed since is not read again to recognise it (a second ingest
/// with nothing new reads nothing).
package struct KnownFormats: Sendable {
    private let files: [String: (size: Int64, modified: Int64, format: SessionLogFormat)]

    package init() {
        files = [:]
    }

    /// What `store` recorded (formats this version does not know are recognised again).
    package init(store: SessionStore) throws {
        files = try store.recognisedFormats().compactMapValues { file in
            SessionLogFormat(rawValue: file.format).map { (file.size, file.modified, $0) }
        }
    }

    /// The format of the log at `path`: the one recorded if the file is unchanged, else
    /// recognised from its content (nil when it is no known format).
    package func format(of path: String) -> SessionLogFormat? {
        if let known = files[path], let (size, modified) = SessionIngestor.stamp(path), size == known.size,
            modified == known.modified
        {
            return known.format
        }
        return SessionLogFormat.detect(path: path)
    }
}
