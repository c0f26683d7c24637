import struct NIOCore.ByteBuffer

extension GrammarParser {
    // date-month = "Jan" / "Feb" / "Mar" / "Apr" / "May" / "Jun" / "Jul" / "Aug" / "Sep" / "Oct" / "Nov" / "Dec"
    static func parseMonth(_ buffer: inout ParseBuffer) throws -> Int {
        let name = try buffer.readString(hint: "month") { asciiUpper($0) >= UInt8(ascii: "A") && asciiUpper($0) <= UInt8(ascii: "Z") }
        guard let index = IMAPDate.monthNames.firstIndex(where: { $0.uppercased() == name.uppercased() }) else {
            throw ParserError(hint: "invalid month")
        }
        return index + 1
    }

    static func parseDigits(_ buffer: inout ParseBuffer, count: ClosedRange<Int>) throws -> Int {
        let digits = try buffer.read(minimum: count.lowerBound, maximum: count.upperBound, hint: "digits", while: isDigit)
        return digits.readableBytesView.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    // date      = date-text / DQUOTE date-text DQUOTE
    // date-text = date-day "-" date-month "-" date-year
    // date-day  = 1*2DIGIT
    // date-year = 4DIGIT
    static func parseDate(_ buffer: inout ParseBuffer) throws -> IMAPDate {
        try buffer.composite { buffer in
            let quoted = try buffer.peek() == UInt8(ascii: "\"")
            if quoted { buffer.readerIndex += 1 }
            let day = try parseDigits(&buffer, count: 1...2)
            try buffer.expect(UInt8(ascii: "-"))
            let month = try parseMonth(&buffer)
            try buffer.expect(UInt8(ascii: "-"))
            let year = try parseDigits(&buffer, count: 4...4)
            if quoted { try buffer.expect(UInt8(ascii: "\"")) }
            guard let date = IMAPDate(year: year, month: month, day: day) else { throw ParserError(hint: "invalid date") }
            return date
        }
    }

    // date-time      = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
    // date-day-fixed = (SP DIGIT) / 2DIGIT
    // time           = 2DIGIT ":" 2DIGIT ":" 2DIGIT
    // zone           = ("+" / "-") 4DIGIT
    static func parseDateTime(_ buffer: inout ParseBuffer) throws -> IMAPDateTime {
        try buffer.composite { buffer in
            try buffer.expect(UInt8(ascii: "\""))
            if try buffer.peek() == UInt8(ascii: " ") { buffer.readerIndex += 1 }
            let day = try parseDigits(&buffer, count: 1...2)
            try buffer.expect(UInt8(ascii: "-"))
            let month = try parseMonth(&buffer)
            try buffer.expect(UInt8(ascii: "-"))
            let year = try parseDigits(&buffer, count: 4...4)
            try buffer.space()
            let hour = try parseDigits(&buffer, count: 2...2)
            try buffer.expect(UInt8(ascii: ":"))
            let minute = try parseDigits(&buffer, count: 2...2)
            try buffer.expect(UInt8(ascii: ":"))
            let second = try parseDigits(&buffer, count: 2...2)
            try buffer.space()
            let sign = try buffer.readByte()
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { throw ParserError(hint: "invalid zone") }
            let zone = try parseDigits(&buffer, count: 4...4)
            try buffer.expect(UInt8(ascii: "\""))
            guard zone % 100 < 60,
                let date = IMAPDate(year: year, month: month, day: day),
                let value = IMAPDateTime(
                    date: date, hour: hour, minute: minute, second: second,
                    zoneMinutes: (sign == UInt8(ascii: "-") ? -1 : 1) * ((zone / 100) * 60 + zone % 100)
                )
            else { throw ParserError(hint: "invalid date-time") }
            return value
        }
    }
}
