import struct NIOCore.ByteBuffer

/// A server reply: a three-digit code, an optional enhanced status code and one or more text lines
/// (RFC 5321 §4.2, RFC 2034 §4).
///
/// ```
/// S: 250-mx.example.org Hello
/// S: 250-SIZE 52428800
/// S: 250 2.0.0 ENHANCEDSTATUSCODES
/// ```
/// On the wire every line repeats the code; all but the last use `-` after it. With an enhanced status
/// code, RFC 2034 §4 puts it at the start of every line's text; the encoder does that.
/// LMTP's per-recipient replies after DATA (RFC 2033 §4.2) are ordinary replies, one per recipient.
public struct SMTPReply: Hashable, Sendable {
    /// The reply code, 200...599 (RFC 5321 §4.2).
    public var code: Int
    /// The enhanced status code, when the reply carries one.
    public var enhancedStatus: EnhancedStatusCode?
    /// The text lines, without code, separator or enhanced status code. At least one, maybe empty.
    public var lines: [String]

    /// Makes a reply.
    ///
    /// CR, LF and NUL in `lines` are replaced by spaces: reply text often quotes what a peer sent, and
    /// those characters would break the framing (or forge a reply). Traps on a code outside
    /// 200...599, on no lines, and on an enhanced status whose class differs from the code's: those
    /// are programming errors.
    public init(code: Int, enhancedStatus: EnhancedStatusCode? = nil, lines: [String]) {
        precondition((200...599).contains(code), "reply code must be 200...599")
        precondition(!lines.isEmpty, "a reply has at least one line")
        let lines = lines.map { line in
            line.utf8.contains { $0 == 13 || $0 == 10 || $0 == 0 }
                ? String(line.unicodeScalars.map { $0 == "\r" || $0 == "\n" || $0 == "\0" ? " " : Character($0) })
                : line
        }
        if let enhancedStatus {
            precondition(enhancedStatus.statusClass == code / 100, "enhanced status class must match the reply code")
        }
        self.code = code
        self.enhancedStatus = enhancedStatus
        self.lines = lines
    }

    /// Makes a one-line reply.
    public init(code: Int, enhancedStatus: EnhancedStatusCode? = nil, text: String) {
        self.init(code: code, enhancedStatus: enhancedStatus, lines: [text])
    }

    /// 2xx: the command succeeded.
    public var isPositiveCompletion: Bool { self.code / 100 == 2 }
    /// 3xx: go on (354 after DATA, 334 during AUTH).
    public var isPositiveIntermediate: Bool { self.code / 100 == 3 }
    /// 4xx: try again later.
    public var isTransientFailure: Bool { self.code / 100 == 4 }
    /// 5xx: do not repeat as is.
    public var isPermanentFailure: Bool { self.code / 100 == 5 }
}

// MARK: - Encoding

extension ByteBuffer {
    /// Writes `reply` as one or more CRLF-terminated reply lines.
    /// - Returns: the number of bytes written.
    @discardableResult
    public mutating func writeSMTPReply(_ reply: SMTPReply) -> Int {
        var written = 0
        for (index, line) in reply.lines.enumerated() {
            let separator = index == reply.lines.count - 1 ? " " : "-"
            var text = line
            if let status = reply.enhancedStatus {
                text = text.isEmpty ? "\(status)" : "\(status) \(text)"
            }
            // RFC 5321 §4.2: the last line's text is optional ("250" CRLF); earlier lines keep the "-".
            let omitSeparator = text.isEmpty && separator == " "
            written += self.writeString(omitSeparator ? "\(reply.code)\r\n" : "\(reply.code)\(separator)\(text)\r\n")
        }
        return written
    }
}
