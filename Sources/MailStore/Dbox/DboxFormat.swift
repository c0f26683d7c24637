/// Columba's dbox file format: the layout of Dovecot's dbox with the message size written
/// *after* the message, so a writer streams a message of unknown length and never seeks back
/// (the same code then writes to a local file or an object store).
///
/// ```
/// file    = header record*
/// header  = "3 C" created-hex " S" separator LF            ; separator: 16 random hex digits per file
/// record  = start body trailer metadata meta-end
/// start   = %x01 %x02 separator " N" LF                     ; N = a normal message
/// body    = the message bytes, unchanged
/// trailer = LF %x01 %x03 separator " " size-hex16 LF        ; size of body in bytes
/// metadata= *(key-letter value LF)                          ; G, R, V, Z, P, O, B, U, X, unknown keys kept
/// meta-end= %x01 %x04 separator " " size-hex8 LF            ; size of metadata in bytes
/// ```
/// The random separator in every marker lets a reader tell markers from message bytes that
/// happen to look alike, and find the next record after damage; each size is checked against
/// the bytes actually between the markers, so no length is trusted blindly.
enum DboxFormat {
    static let version: UInt8 = UInt8(ascii: "3")
    static let startMagic: [UInt8] = [0x01, 0x02]
    static let trailerMagic: [UInt8] = [0x0A, 0x01, 0x03]
    static let metadataEndMagic: [UInt8] = [0x01, 0x04]
    /// Hex digits in a separator.
    static let separatorLength = 16

    /// Bytes of a start marker: magic, separator, " N", LF.
    static func startMarker(separator: [UInt8]) -> [UInt8] {
        startMagic + separator + Array(" N\n".utf8)
    }

    /// Bytes of the trailer that follows a body of `size` bytes.
    static func trailer(separator: [UInt8], size: Int) -> [UInt8] {
        trailerMagic + separator + [UInt8(ascii: " ")] + hex(size, digits: 16) + [0x0A]
    }

    /// Bytes that end a metadata block of `size` bytes.
    static func metadataEnd(separator: [UInt8], size: Int) -> [UInt8] {
        metadataEndMagic + separator + [UInt8(ascii: " ")] + hex(size, digits: 8) + [0x0A]
    }

    static func hex(_ value: Int, digits: Int) -> [UInt8] {
        let text = String(value, radix: 16)
        return Array((String(repeating: "0", count: max(0, digits - text.count)) + text).utf8)
    }

    static func parseHex(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        var value = 0
        for byte in bytes {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte - UInt8(ascii: "a")) + 10
            default: return nil
            }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 16)
            guard !overflow else { return nil }
            value = shifted + digit
        }
        return value
    }
}
