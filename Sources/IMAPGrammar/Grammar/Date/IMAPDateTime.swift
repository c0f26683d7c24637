import struct NIOCore.ByteBuffer

/// A date, time and zone (`date-time`), as in INTERNALDATE and APPEND.
public struct IMAPDateTime: Hashable, Sendable {
    public var date: IMAPDate
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Offset from UTC in minutes, for example -300 for `-0500`.
    public var zoneMinutes: Int

    public init?(date: IMAPDate, hour: Int, minute: Int, second: Int, zoneMinutes: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            (-(99 * 60 + 59)...(99 * 60 + 59)).contains(zoneMinutes)
        else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.zoneMinutes = zoneMinutes
    }
}

extension IMAPDateTime {
    /// The moment as seconds since 1970-01-01T00:00:00Z (leap second 60 counts as 59).
    public var secondsSince1970: Int64 {
        // Days from the civil date (proleptic Gregorian), counting from 1970-01-01.
        let year = Int64(date.year) - (date.month <= 2 ? 1 : 0)
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let month = Int64(date.month)
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + Int64(date.day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let local = days * 86_400 + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(min(second, 59))
        return local - Int64(zoneMinutes) * 60
    }
}

extension IMAPDateTime {
    /// The moment `seconds` after 1970-01-01T00:00:00Z, as seen in the zone `zoneMinutes` east of UTC.
    public init(secondsSince1970 seconds: Int64, zoneMinutes: Int = 0) {
        let local = seconds + Int64(zoneMinutes) * 60
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = Int(local - days * 86_400)
        // The civil date of a day count (proleptic Gregorian), inverse of `secondsSince1970`.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        // Years outside 1...9999 cannot be written; they are clamped to the nearest writable day.
        let date = IMAPDate(year: year, month: month, day: day)
            ?? (year < 1 ? IMAPDate(year: 1, month: 1, day: 1)! : IMAPDate(year: 9999, month: 12, day: 31)!)
        self.date = date
        self.hour = secondOfDay / 3600
        self.minute = secondOfDay % 3600 / 60
        self.second = secondOfDay % 60
        self.zoneMinutes = zoneMinutes
    }
}
