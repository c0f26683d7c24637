/// `xtext` (RFC 3461 §4): printable ASCII except "+" and "=", other octets as "+" and two upper-case
/// hex digits. Used by ENVID, ORCPT, AUTH= (RFC 4954 §5) and Postfix's XCLIENT/XFORWARD.
///
/// ```
/// xtext   = *( xchar / hexchar )
/// xchar   = any ASCII CHAR between "!" (33) and "~" (126) inclusive, except for "+" and "="
/// hexchar = ASCII "+" immediately followed by two upper case hexadecimal digits
/// ```
enum XText {
    /// Decodes `text`; nil if it is not xtext. Lower-case hex digits are accepted (Postfix and others
    /// send them); decoded bytes must be UTF-8.
    static func decode(_ bytes: some Collection<UInt8>) -> String? {
        var output: [UInt8] = []
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                guard let high = iterator.next().flatMap(Self.hexValue),
                    let low = iterator.next().flatMap(Self.hexValue)
                else { return nil }
                output.append(high << 4 | low)
            case UInt8(ascii: "="):
                return nil
            case 33...126:
                output.append(byte)
            default:
                return nil
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    /// Encodes `text` as xtext.
    static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            if (33...126).contains(byte) && byte != UInt8(ascii: "+") && byte != UInt8(ascii: "=") {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                output.unicodeScalars.append("+")
                output.unicodeScalars.append(hex[Int(byte >> 4)])
                output.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return output
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
