import Model
import Storage

/// What reports read most, kept between the runs of a long-lived process (`multiplier mcp`) on
/// one connection, and read again only when another connection has committed to the database
/// (`PRAGMA data_version` on that connection changes then). Decoding every task and session is
/// most of the time a small report takes.
final class ReadCache {
    private var tasks: (version: Int, value: [WorkTask])?
    private var activities: (version: Int, value: [SessionActivity])?

    /// The tasks: kept ones while `database` is unchanged, else what `load` returns.
    func tasks(database: Database, load: () throws -> [WorkTask]) throws -> [WorkTask] {
        let version = try database.dataVersion()
        if let tasks, tasks.version == version { return tasks.value }
        let value = try load()
        tasks = (version, value)
        return value
    }

    /// Every session with its sub-agents rolled in (`SessionStore.activities`), kept the same way.
    func activities(database: Database) throws -> [SessionActivity] {
        let version = try database.dataVersion()
        if let activities, activities.version == version { return activities.value }
        let value = try SessionStore(database: database).activities()
        activities = (version, value)
        return value
    }
}
