import Support

/// Parses the timestamps session logs and pull-request exports write, without Foundation's
/// formatters (slow, locale-bound): the one ISO 8601 reader of ingestion.
package enum LogTimestamp {
    /// `2026-02-12T16:02:25.284Z`, `…T16:02:25Z`, `…T16:02:25.123456+08:00` → ms since 1970 UTC.
    /// A value without a zone is taken as UTC, unless `zoneRequired` (then it is nil, as is a
    /// space for the `T`). nil when it is not such a timestamp, or names a day its month lacks.
    package static func milliseconds(iso text: String, zoneRequired: Bool) -> Int64? {
        var text = text
        return text.withUTF8 { parse($0, zoneRequired: zoneRequired) }
    }

    /// `milliseconds(iso:zoneRequired:)` taking a value without a zone as UTC.
    package static func milliseconds(iso text: String) -> Int64? {
        milliseconds(iso: text, zoneRequired: false)
    }

    /// A JSON string value read as `milliseconds(iso:)` reads its text, from its bytes when it has no escapes.
    static func milliseconds(_ value: JSONView) -> Int64? {
        guard value.kind == .string else { return nil }
        // Without escapes the bytes are the text (a text that is not UTF-8 holds no timestamp either).
        guard value.isEscaped else { return parse(value.raw) }
        return value.string.flatMap(milliseconds(iso:))
    }

    /// Aider's naive local times (`2024-08-05 19:33:02`, `2025-05-04 17:06:57.158813`), read as UTC.
    package static func milliseconds(naive text: String) -> Int64? {
        milliseconds(iso: text)
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>, zoneRequired: Bool = false) -> Int64? {
        guard b.count >= 19 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let byte = b[index]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74 || (b[10] == 0x20 && !zoneRequired),
            b[13] == 0x3A, b[16] == 0x3A, let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
            let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
            second < 61
        else { return nil }
        var index = 19
        var millis = 0
        if index < b.count && (b[index] == 0x2E || b[index] == 0x2C) {
            index += 1
            var scale = 100
            while index < b.count, b[index] >= 0x30 && b[index] <= 0x39 {
                millis += Int(b[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
        }
        var offsetSeconds = 0
        guard index < b.count || !zoneRequired else { return nil }
        if index < b.count {
            let sign = b[index]
            if sign == 0x5A || sign == 0x7A {
                index += 1
            } else if sign == 0x2B || sign == 0x2D {
                guard index + 3 <= b.count, let hours = digits(index + 1, 2) else { return nil }
                var minutes = 0
                var next = index + 3
                if next < b.count && b[next] == 0x3A { next += 1 }
                if next + 2 <= b.count, let value = digits(next, 2) {
                    minutes = value
                    next += 2
                }
                guard hours < 24, minutes < 60 else { return nil }
                offsetSeconds = (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
                index = next
            } else if zoneRequired {
                return nil
            }
            guard index == b.count else { return nil }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return seconds * 1000 + Int64(millis)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
