/// A date-time from a Date, Resent-Date or Received header (RFC 5322 §3.3), obsolete forms
/// included (§4.3): two- and three-digit years, alphabetic zones, comments and white space
/// anywhere, a missing day name or seconds.
public struct MessageDate: Sendable, Hashable {
    /// Four-digit year.
    public var year: Int
    /// 1…12
    public var month: Int
    /// 1…31
    public var day: Int
    /// 0…23
    public var hour: Int
    /// 0…59
    public var minute: Int
    /// 0…60
    public var second: Int
    /// Offset from UTC in minutes (`-0330` is -210).
    public var zoneOffsetMinutes: Int

    /// Creates a date.
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, zoneOffsetMinutes: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.zoneOffsetMinutes = zoneOffsetMinutes
    }

    /// Seconds since 1970-01-01T00:00:00Z (the instant, zone applied).
    public var secondsSince1970: Int {
        // Days from civil (proleptic Gregorian), H. Hinnant's algorithm.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * m + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3_600 + minute * 60 + second - zoneOffsetMinutes * 60
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "edt": -240, "est": -300, "cdt": -300, "cst": -360,
        "mdt": -360, "mst": -420, "pdt": -420, "pst": -480,
    ]

    /// Parses a date-time header value.
    /// - Parameter value: The raw value, e.g. `Fri, 21 Nov 1997 09:55:06 -0600`.
    /// - Returns: The date, or `nil` when no day, month, year and time can be found.
    public init?(parsing value: [UInt8]) {
        var tokens: [String] = []
        var current: [UInt8] = []
        var depth = 0
        func flush() {
            if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self).lowercasedASCII()) }
            current.removeAll()
        }
        for byte in value {
            if byte == UInt8(ascii: "(") { depth += 1; flush(); continue }
            if byte == UInt8(ascii: ")") { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ","):
                flush()
            case UInt8(ascii: ":"):
                flush()
                tokens.append(":")
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                flush()
                current.append(byte)
            default:
                if let last = current.last, Self.isDigit(last) != Self.isDigit(byte), last != UInt8(ascii: "+"),
                    last != UInt8(ascii: "-")
                {
                    flush()
                }
                current.append(byte)
            }
        }
        flush()
        var index = 0
        if index < tokens.count, Self.days.contains(where: { tokens[index].hasPrefix($0) }) { index += 1 }
        guard index + 2 < tokens.count, let day = Int(tokens[index]),
            let month = Self.months.firstIndex(where: { tokens[index + 1].hasPrefix($0) }),
            var year = Int(tokens[index + 2])
        else { return nil }
        index += 3
        if tokens[index - 1].count <= 2 {
            year += year < 50 ? 2000 : 1900
        } else if tokens[index - 1].count == 3 {
            year += 1900
        }
        guard index + 2 < tokens.count, let hour = Int(tokens[index]), tokens[index + 1] == ":",
            let minute = Int(tokens[index + 2])
        else { return nil }
        index += 3
        var second = 0
        if index + 1 < tokens.count, tokens[index] == ":", let value = Int(tokens[index + 1]) {
            second = value
            index += 2
        }
        var zone = 0
        if index < tokens.count {
            let token = tokens[index]
            if let sign = token.first, sign == "+" || sign == "-", token.count == 5, let number = Int(token.dropFirst()) {
                zone = (number / 100 * 60 + number % 100) * (sign == "-" ? -1 : 1)
            } else if let named = Self.zones[token] {
                zone = named
            }
        }
        guard (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        self.init(
            year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second,
            zoneOffsetMinutes: zone)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
