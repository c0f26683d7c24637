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
