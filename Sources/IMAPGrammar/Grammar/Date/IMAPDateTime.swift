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
