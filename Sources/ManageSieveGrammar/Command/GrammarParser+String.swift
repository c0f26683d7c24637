/// Strings: quoted or literal (RFC 5804 §4).
extension GrammarParser {
    // string = quoted / literal-c2s / literal-s2c
    mutating func parseString() throws(CommandError) -> [UInt8] {
        switch next {
        case UInt8(ascii: "\""): return try parseQuoted()
        case UInt8(ascii: "{"): return try parseLiteral()
        default: throw .syntax("expected a string")
        }
    }

    // quoted = DQUOTE *1024QUOTED-CHAR DQUOTE
    // QUOTED-CHAR = SAFE-UTF8-CHAR / "\" QUOTED-SPECIALS
    // QUOTED-SPECIALS = DQUOTE / "\"
    // SAFE-UTF8-CHAR = %x01-09 / %x0B-0C / %x0E-21 / %x23-5B / %x5D-7F / UTF8-2 / UTF8-3 / UTF8-4
    private mutating func parseQuoted() throws(CommandError) -> [UInt8] {
        index += 1
        var octets: [UInt8] = []
        while true {
            guard let byte = next else { throw .syntax("unterminated quoted string") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return octets
            case UInt8(ascii: "\\"):
                guard let escaped = next, escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") else {
                    throw .syntax("invalid escape in quoted string")
                }
                index += 1
                octets.append(escaped)
            case 0, UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                throw .syntax("invalid character in quoted string")
            default:
                octets.append(byte)
            }
            guard octets.count <= ManageSieveDefaults.maximumQuotedLength else {
                throw .syntax("quoted string longer than \(ManageSieveDefaults.maximumQuotedLength) octets; send a literal")
            }
        }
    }

    // literal-c2s = "{" number "+}" CRLF *OCTET
    // literal-s2c = "{" number "}" CRLF *OCTET
    private mutating func parseLiteral() throws(CommandError) -> [UInt8] {
        index += 1
        let size = try parseNumber()
        if next == UInt8(ascii: "+") { index += 1 }
        try expect(UInt8(ascii: "}"), "}")
        if next == UInt8(ascii: "\r") { index += 1 }
        try expect(UInt8(ascii: "\n"), "the end of the line after a literal's size")
        guard bytes.count - index >= Int(size) else { throw .syntax("literal shorter than announced") }
        defer { index += Int(size) }
        return Array(bytes[index..<(index + Int(size))])
    }
}
