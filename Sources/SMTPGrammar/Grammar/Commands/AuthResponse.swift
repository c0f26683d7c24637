import struct NIOCore.ByteBuffer

/// A client's line during an AUTH exchange, after the server's `334` challenge (RFC 4954 §4).
///
/// ```
/// S: 334 VXNlcm5hbWU6
/// C: Ym9i
/// ```
/// The line is base64, possibly empty, or `*` to cancel; the server answers a cancel with
/// `501 5.0.0` and a malformed line with `501 5.5.2` (RFC 4954 §4, §6). Lines come from
/// ``SMTPCommandLineFramer``; their limit is ``SMTPDefaults/authCommandLineLength``.
public enum AuthResponse: Hashable, Sendable, CustomStringConvertible {
    /// `*`: the client gives up.
    case cancel
    /// Base64 text, not yet decoded; empty for an empty response.
    case base64(String)

    /// Parses one line (without its line end).
    public init(parsing line: ByteBuffer) throws(SMTPCommandError) {
        let bytes = Array(line.readableBytesView)
        if bytes == [UInt8(ascii: "*")] {
            self = .cancel
        } else if bytes.isEmpty || AuthCommand.isBase64(bytes[...]) {
            self = .base64(String(decoding: bytes, as: UTF8.self))
        } else {
            throw SMTPCommandError(.syntax, "AUTH response must be base64 or '*'")
        }
    }

    /// The line without CRLF.
    public var description: String {
        switch self {
        case .cancel: "*"
        case .base64(let text): text
        }
    }
}
