/// The `name=value` attribute lists of SCRAM messages (RFC 5802 section 7).
struct SCRAMAttributes {
    /// Attributes in message order.
    var pairs: [(name: Character, value: String)]

    /// Splits `a=1,b=2`; `nil` when an attribute is not `letter=value`.
    init?(_ text: Substring) {
        pairs = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard part.count >= 2, let name = part.first, name.isLetter, name.isASCII,
                part[part.index(after: part.startIndex)] == "="
            else { return nil }
            pairs.append((name, String(part.dropFirst(2))))
        }
    }

    /// RFC 5802 saslname: `=2C` stands for `,` and `=3D` for `=`; any other `=` is an error.
    static func decodeSaslName(_ text: String) -> String? {
        var out = ""
        var rest = Substring(text)
        while let equals = rest.firstIndex(of: "=") {
            out += rest[..<equals]
            let escape = rest[equals...].prefix(3)
            switch escape {
            case "=2C": out += ","
            case "=3D": out += "="
            default: return nil
            }
            rest = rest[rest.index(equals, offsetBy: 3)...]
        }
        out += rest
        return out.isEmpty ? nil : out
    }

    /// RFC 5802 printable: `%x21-2B / %x2D-7E` (no comma).
    static func isValidNonce(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E && $0 != UInt8(ascii: ",") }
    }
}
