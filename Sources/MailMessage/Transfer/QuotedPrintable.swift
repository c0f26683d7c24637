/// Quoted-printable (RFC 2045 §6.7) and the RFC 2047 `Q` encoding.
public enum QuotedPrintable {
    /// Decodes a whole quoted-printable text tolerantly (see ``QuotedPrintableDecoder``).
    /// - Parameters:
    ///   - bytes: The encoded text.
    ///   - headerMode: RFC 2047 `Q`: `_` is a space and there are no soft line breaks.
    public static func decode<Bytes: Collection>(_ bytes: Bytes, headerMode: Bool = false) -> [UInt8]
    where Bytes.Element == UInt8 {
        var decoder = QuotedPrintableDecoder(headerMode: headerMode)
        var out: [UInt8] = []
        decoder.decode(bytes, into: &out)
        decoder.finish(into: &out)
        return out
    }

    /// Encodes bytes as quoted-printable with CRLF line ends and soft breaks keeping lines ≤ 76.
    /// - Parameters:
    ///   - bytes: The data.
    ///   - binary: Encode CR and LF too (for non-text data); otherwise line ends become CRLF.
    public static func encode(_ bytes: [UInt8], binary: Bool = false) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var column = 0
        func emit(_ piece: [UInt8]) {
            if column + piece.count > 75 {
                out += [UInt8(ascii: "="), 0x0D, 0x0A]
                column = 0
            }
            out += piece
            column += piece.count
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if !binary && (byte == 0x0A || (byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A)) {
                out += [0x0D, 0x0A]
                column = 0
                index += byte == 0x0D ? 2 : 1
                continue
            }
            let nextIsLineEnd =
                index + 1 >= bytes.count || (!binary && (bytes[index + 1] == 0x0A || bytes[index + 1] == 0x0D))
            let isPlain =
                (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 0x20 || byte == 0x09) && !nextIsLineEnd)
            if isPlain {
                emit([byte])
            } else {
                emit([UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
            index += 1
        }
        return out
    }
}

/// A streaming, tolerant quoted-printable decoder: `=XX` in either case, soft line breaks after
/// `=` (with CRLF or LF), white space at the end of a line removed, and an `=` that starts no valid
/// escape kept as is. Chunks may split anywhere.
public struct QuotedPrintableDecoder: Sendable {
    private let headerMode: Bool
    /// Bytes held back because their meaning depends on what follows (a partial `=X`, trailing spaces).
    private var carry: [UInt8] = []

    /// Creates a decoder.
    /// - Parameter headerMode: RFC 2047 `Q` rules.
    public init(headerMode: Bool = false) { self.headerMode = headerMode }

    /// Decodes one chunk, appending to `output`.
    public mutating func decode<Bytes: Collection>(_ chunk: Bytes, into output: inout [UInt8]) where Bytes.Element == UInt8 {
        let input = carry.isEmpty ? Array(chunk) : carry + Array(chunk)
        carry.removeAll(keepingCapacity: true)
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "="):
                if index + 1 >= count {
                    carry = [byte]
                    return
                }
                let next = input[index + 1]
                if !headerMode && next == 0x0A {
                    index += 2
                    continue
                }
                if !headerMode && next == 0x0D {
                    if index + 2 >= count {
                        carry = Array(input[index...])
                        return
                    }
                    index += input[index + 2] == 0x0A ? 3 : 2
                    continue
                }
                if !headerMode && (next == 0x20 || next == 0x09) {
                    // "=   \r\n": a soft break followed by stray white space.
                    var probe = index + 1
                    while probe < count, input[probe] == 0x20 || input[probe] == 0x09 { probe += 1 }
                    if probe >= count {
                        carry = Array(input[index...])
                        return
                    }
                    if input[probe] == 0x0D, probe + 1 >= count {
                        carry = Array(input[index...])
                        return
                    }
                    if input[probe] == 0x0A || input[probe] == 0x0D {
                        index = probe + 1
                        if input[probe] == 0x0D, index < count, input[index] == 0x0A { index += 1 }
                        continue
                    }
                    output.append(byte)
                    index += 1
                    continue
                }
                if index + 2 >= count {
                    carry = Array(input[index...])
                    return
                }
                if let high = RFC2231.hexValue(next), let low = RFC2231.hexValue(input[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                } else {
                    output.append(byte)
                    index += 1
                }
            case 0x20, 0x09:
                if headerMode {
                    output.append(byte)
                    index += 1
                    continue
                }
                var probe = index
                while probe < count, input[probe] == 0x20 || input[probe] == 0x09 { probe += 1 }
                if probe >= count {
                    carry = Array(input[index...])
                    return
                }
                if input[probe] == 0x0A || (input[probe] == 0x0D) {
                    index = probe  // trailing white space is dropped
                } else {
                    output += input[index..<probe]
                    index = probe
                }
            case UInt8(ascii: "_") where headerMode:
                output.append(0x20)
                index += 1
            default:
                output.append(byte)
                index += 1
            }
        }
    }

    /// Flushes what was held back at the end of input.
    public mutating func finish(into output: inout [UInt8]) {
        if carry.first == UInt8(ascii: "=") {
            output += carry.filter { $0 != 0x0D && $0 != 0x0A && $0 != 0x20 && $0 != 0x09 }
        } else if headerMode {
            output += carry
        }
        carry.removeAll()
    }
}
