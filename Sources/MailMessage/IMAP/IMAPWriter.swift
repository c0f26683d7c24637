/// Writes IMAP `string`, `nstring` and human-readable strings with the quoting rules Dovecot uses
/// (`imap-quote.c`), so that ENVELOPE and BODYSTRUCTURE are byte-identical to Dovecot's.
///
/// RFC 3501 §4.3: a quoted string may not contain CR, LF or 8-bit bytes; those, and strings with
/// more than four `"`/`\` to escape, are written as literals `{n}\r\n…`.
struct IMAPWriter {
    var bytes: [UInt8] = []

    mutating func append(_ text: StaticString) {
        bytes += UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    mutating func append(number: Int) { bytes += Array(String(number).utf8) }

    /// `string`: quoted when possible, otherwise a literal. A NUL ends the string (Dovecot keeps
    /// these values as C strings; a literal may not carry NUL anyway).
    mutating func appendString<Bytes: Collection>(_ value: Bytes) where Bytes.Element == UInt8 {
        if let nul = value.firstIndex(of: 0) { return appendString(value[..<nul]) }
        var escapes = 0
        for byte in value {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                escapes += 1
                if escapes > 4 { return appendLiteral(value) }
            case 0x0D, 0x0A:
                return appendLiteral(value)
            default:
                if byte >= 0x80 { return appendLiteral(value) }
            }
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in value {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `nstring`: `NIL` for `nil`.
    mutating func appendNString(_ value: [UInt8]?) {
        guard let value else { return append("NIL") }
        appendString(value)
    }

    /// `nstring` with the line ends of folding removed first (Dovecot's `imap_append_nstring_nolf`):
    /// CRLF and LF go, the white space after them stays; a CR not followed by LF becomes a space.
    mutating func appendNStringWithoutLineEnds(_ value: [UInt8]?) {
        guard let value else { return append("NIL") }
        guard value.contains(0x0D) || value.contains(0x0A) else { return appendString(value) }
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(value.count)
        for (index, byte) in value.enumerated() {
            if byte == 0x0A { continue }
            if byte == 0x0D {
                if index + 1 < value.count, value[index + 1] == 0x0A { continue }
                cleaned.append(0x20)
                continue
            }
            cleaned.append(byte)
        }
        appendString(cleaned)
    }

    mutating func appendLiteral<Bytes: Collection>(_ value: Bytes) where Bytes.Element == UInt8 {
        bytes.append(UInt8(ascii: "{"))
        append(number: value.count)
        bytes += [UInt8(ascii: "}"), 0x0D, 0x0A]
        bytes += value
    }

    /// A string meant for people (subject, display names): runs of white space and line ends become
    /// one space, leading and trailing white space goes, NUL becomes 0x80; written quoted when
    /// nothing had to change, otherwise as a literal (Dovecot's `imap_append_string_for_humans`).
    mutating func appendStringForHumans(_ value: [UInt8]) {
        var modify = false
        var lastWhitespace = true
        var removeCount = 0
        for byte in value {
            switch byte {
            case 0:
                lastWhitespace = false
                modify = true
            case 0x0D, 0x0A, 0x09, 0x20:
                if byte != 0x20 { modify = true }
                if lastWhitespace {
                    modify = true
                    removeCount += 1
                }
                lastWhitespace = true
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                modify = true
                lastWhitespace = false
            default:
                if byte >= 0x80 { modify = true }
                lastWhitespace = false
            }
        }
        if lastWhitespace && !value.isEmpty {
            modify = true
        }
        if !modify {
            bytes.append(UInt8(ascii: "\""))
            bytes += value
            bytes.append(UInt8(ascii: "\""))
            return
        }
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(value.count)
        lastWhitespace = true
        for byte in value {
            switch byte {
            case 0:
                cleaned.append(0x80)
                lastWhitespace = false
            case 0x0D, 0x0A, 0x09, 0x20:
                if !lastWhitespace { cleaned.append(0x20) }
                lastWhitespace = true
            default:
                cleaned.append(byte)
                lastWhitespace = false
            }
        }
        if lastWhitespace, !cleaned.isEmpty, cleaned.last == 0x20 { cleaned.removeLast() }
        if cleaned.isEmpty {
            append("\"\"")
            return
        }
        appendLiteral(cleaned)
    }
}
