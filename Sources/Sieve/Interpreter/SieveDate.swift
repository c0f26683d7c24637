/// A moment in a time zone, with the date parts of RFC 5260 §4.2.
struct SieveDate: Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    /// Minutes east of UTC.
    var zoneOffset: Int
    /// Days since 1970-01-01 in this zone.
    private var days: Int

    /// The moment `seconds` after the epoch, seen in the zone `zoneOffset` minutes east of UTC.
    init(secondsSince1970 seconds: Int, zoneOffset: Int) {
        let local = seconds + zoneOffset * 60
        var days = local / 86_400
        var rest = local % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        self.days = days
        // Civil from days, H. Hinnant's algorithm.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
        self.zoneOffset = zoneOffset
    }

    /// The value of a date part, or `nil` for an unknown part name.
    func part(_ name: String) -> String? {
        switch name.lowercased() {
        case "year": return pad(year, 4)
        case "month": return pad(month, 2)
        case "day": return pad(day, 2)
        case "date": return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        case "julian": return String(days + 40_587)
        case "hour": return pad(hour, 2)
        case "minute": return pad(minute, 2)
        case "second": return pad(second, 2)
        case "time": return "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        case "iso8601":
            let zone = zoneOffset == 0 ? "Z" : "\(sign)\(pad(abs(zoneOffset) / 60, 2)):\(pad(abs(zoneOffset) % 60, 2))"
            return "\(part("date")!)T\(part("time")!)\(zone)"
        case "std11":
            let weekdayName = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][weekday]
            let monthName = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]
            return "\(weekdayName), \(day) \(monthName) \(pad(year, 4)) \(part("time")!) \(part("zone")!)"
        case "zone": return "\(sign)\(pad(abs(zoneOffset) / 60, 2))\(pad(abs(zoneOffset) % 60, 2))"
        case "weekday": return String(weekday)
        default: return nil
        }
    }

    /// 0 is Sunday; 1970-01-01 was a Thursday.
    private var weekday: Int { ((days % 7) + 11) % 7 }
    private var sign: String { zoneOffset < 0 ? "-" : "+" }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// Reads `+hhmm` / `-hhmm` as minutes east of UTC.
    static func zoneOffset(_ text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 5, scalars[0] == "+" || scalars[0] == "-",
              let hours = Int(String(String.UnicodeScalarView(scalars[1...2]))),
              let minutes = Int(String(String.UnicodeScalarView(scalars[3...4]))), minutes < 60
        else { return nil }
        return (scalars[0] == "-" ? -1 : 1) * (hours * 60 + minutes)
    }
}
