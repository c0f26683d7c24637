import NIOCore

/// Cuts a byte stream into whole server responses: a response is one CRLF-terminated line, extended
/// by every literal (`{n}` CRLF and n bytes) announced at the end of a line (RFC 9051 §4.3).
///
/// Pure: fed whatever bytes have arrived, it returns a frame only once all of it is there, so
/// literals split across reads are handled by calling again with more bytes.
public struct ResponseFramer: Sendable {
    /// The longest line (between literals) accepted, CRLF included.
    public var maximumLineLength: Int
    /// The largest literal accepted.
    public var maximumLiteralSize: Int

    public init(maximumLineLength: Int = 1 << 20, maximumLiteralSize: Int = 256 << 20) {
        self.maximumLineLength = maximumLineLength
        self.maximumLiteralSize = maximumLiteralSize
    }

    /// Removes and returns the first complete response of `buffer`, or returns nil (leaving
    /// `buffer` untouched) when more bytes are needed.
    public func nextFrame(from buffer: inout ByteBuffer) throws(IMAPResponseError) -> ByteBuffer? {
        let view = buffer.readableBytesView
        var lineStart = view.startIndex
        while true {
            guard let lf = view[lineStart...].firstIndex(of: UInt8(ascii: "\n")) else {
                if view.endIndex - lineStart > maximumLineLength {
                    throw IMAPResponseError("response line longer than \(maximumLineLength) bytes",
                                            excerpt: printable(view[lineStart...].prefix(80)))
                }
                return nil
            }
            if lf - lineStart + 1 > maximumLineLength {
                throw IMAPResponseError("response line longer than \(maximumLineLength) bytes",
                                        excerpt: printable(view[lineStart...].prefix(80)))
            }
            guard lf > lineStart, view[lf - 1] == UInt8(ascii: "\r") else {
                throw IMAPResponseError("line ends with a bare LF", excerpt: printable(view[lineStart..<lf].prefix(80)))
            }
            guard let literalSize = try literalSize(endingLine: view[lineStart..<(lf - 1)]) else {
                let length = lf + 1 - view.startIndex
                return buffer.readSlice(length: length)
            }
            let literalEnd = lf + 1 + literalSize
            guard literalEnd <= view.endIndex else { return nil }
            lineStart = literalEnd
        }
    }

    /// The size n when `line` (without CRLF) ends with a literal announcement `{n}`.
    private func literalSize(endingLine line: ByteBufferView.SubSequence) throws(IMAPResponseError) -> Int? {
        guard line.last == UInt8(ascii: "}"),
              let open = line.lastIndex(of: UInt8(ascii: "{"))
        else { return nil }
        let digits = line[(open + 1)..<(line.endIndex - 1)]
        // Text that merely ends in braces (`* OK done {x}`) is not a literal announcement.
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        guard digits.count <= 12 else {
            throw IMAPResponseError("literal size too large", excerpt: printable(line.suffix(40)))
        }
        let size = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard size <= maximumLiteralSize else {
            throw IMAPResponseError("literal of \(size) bytes exceeds \(maximumLiteralSize)", excerpt: printable(line.suffix(40)))
        }
        return size
    }
}

/// The bytes as text, control characters shown as `\r`, `\n` or `\xNN`.
func printable<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
    var text = ""
    for byte in bytes {
        switch byte {
        case UInt8(ascii: "\r"): text += "\\r"
        case UInt8(ascii: "\n"): text += "\\n"
        case 0x20..<0x7F: text.unicodeScalars.append(Unicode.Scalar(byte))
        default: text += "\\x" + String(byte, radix: 16, uppercase: true)
        }
    }
    return text
}
