import struct NIOCore.ByteBuffer

/// A calendar date as used by SEARCH (`date-text = date-day "-" date-month "-" date-year`).
public struct IMAPDate: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Fails for dates that do not exist (31-Apr, 29-Feb outside leap years, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= IMAPDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

// MARK: - Encoding

extension EncodeBuffer {
    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// `date-text`, for example `1-Feb-2024`.
    public mutating func writeDate(_ date: IMAPDate) {
        writeRaw("\(date.day)-\(IMAPDate.monthNames[date.month - 1])-\(Self.pad(date.year, 4))")
    }

    /// `date-time`, for example `"01-Feb-2024 13:05:09 +0100"`.
    public mutating func writeDateTime(_ value: IMAPDateTime) {
        let date = value.date
        let sign = value.zoneMinutes < 0 ? "-" : "+"
        let zone = abs(value.zoneMinutes)
        writeRaw(
            "\"\(Self.pad(date.day, 2))-\(IMAPDate.monthNames[date.month - 1])-\(Self.pad(date.year, 4)) "
                + "\(Self.pad(value.hour, 2)):\(Self.pad(value.minute, 2)):\(Self.pad(value.second, 2)) "
                + "\(sign)\(Self.pad(zone / 60, 2))\(Self.pad(zone % 60, 2))\""
        )
    }
}
