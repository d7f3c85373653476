import Foundation

/// Text formats shared by every writer: UTC ISO 8601, local wall-clock times, git's
/// `+hhmm` offsets and fixed-point numbers. Pure arithmetic on epoch seconds, so no
/// locale, time zone database or clock of the machine running the generator leaks in.
enum Format {
    /// Calendar fields of an epoch second, in UTC shifted by `offset` minutes.
    struct Civil {
        let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    }

    static func civil(_ epoch: Int64, offset: Int = 0) -> Civil {
        let shifted = epoch + Int64(offset) * 60
        let days = Int(floorDiv(shifted, 86_400))
        let secondsOfDay = Int(shifted - Int64(days) * 86_400)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return Civil(
            year: year, month: month, day: day, hour: secondsOfDay / 3600, minute: secondsOfDay / 60 % 60,
            second: secondsOfDay % 60)
    }

    /// `2026-08-03T09:15:02.123Z`.
    static func isoMillis(_ millis: Int64) -> String {
        let seconds = floorDiv(millis, 1000)
        let c = civil(seconds)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day, c.hour, c.minute, c.second,
            Int(millis - seconds * 1000))
    }

    /// `2026-08-03T09:15:02Z`, as GitHub's API writes times.
    static func iso(_ epoch: Int64) -> String {
        let c = civil(epoch)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// `2026-08-03 11:15:02` in the given offset, as aider's history headers write local time.
    static func local(_ epoch: Int64, offset: Int) -> String {
        let c = civil(epoch, offset: offset)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// `2026-08-03` (UTC unless an offset is given).
    static func date(_ epoch: Int64, offset: Int = 0) -> String {
        let c = civil(epoch, offset: offset)
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// `+0530` for 330 minutes, as git writes offsets.
    static func gitOffset(_ minutes: Int) -> String {
        let value = abs(minutes)
        return (minutes < 0 ? "-" : "+") + String(format: "%02d%02d", value / 60, value % 60)
    }

    /// `12.35` for 12.3456 and two digits; POSIX decimal point.
    static func fixed(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
