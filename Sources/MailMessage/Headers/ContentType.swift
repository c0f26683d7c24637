/// A parsed Content-Type header field (RFC 2045 §5), with the case of type, subtype and
/// parameters kept as written, because IMAP BODYSTRUCTURE reports them that way.
///
/// A part without Content-Type gets the RFC 2045 §5.2 default `text/plain; charset=us-ascii`
/// (``isExplicit`` is `false`); inside multipart/digest the default is message/rfc822 (RFC 2046 §5.1.5).
/// An invalid value keeps what could be read: `Content-Type: text` gives type `text`, subtype "".
public struct ContentType: Sendable, Hashable {
    /// The media type as written, e.g. `text` or `TEXT`.
    public var type: String { String(decoding: rawType, as: UTF8.self) }
    /// The subtype as written; empty if the value had none.
    public var subtype: String { String(decoding: rawSubtype, as: UTF8.self) }
    /// The media type's bytes as written (8-bit bytes kept; BODYSTRUCTURE sends these).
    public var rawType: [UInt8]
    /// The subtype's bytes as written.
    public var rawSubtype: [UInt8]
    /// The parameters in Dovecot's order: plain ones as written, then RFC 2231 ones merged (see ``MIMEParameters``).
    public var parameters: MIMEParameters
    /// Whether the part had a Content-Type field.
    public var isExplicit: Bool

    /// Creates a content type.
    public init(type: String, subtype: String, parameters: MIMEParameters = MIMEParameters(), isExplicit: Bool = true) {
        self.rawType = Array(type.utf8)
        self.rawSubtype = Array(subtype.utf8)
        self.parameters = parameters
        self.isExplicit = isExplicit
    }

    /// `text/plain` without parameters, the default of RFC 2045 §5.2.
    public static let defaultText = ContentType(type: "text", subtype: "plain", isExplicit: false)
    /// `message/rfc822`, the default inside multipart/digest.
    public static let defaultDigestMember = ContentType(type: "message", subtype: "rfc822", isExplicit: false)

    /// Whether the media type is `text` (any case).
    public var isText: Bool { Self.equalFold(rawType, "text") }
    /// Whether this is `multipart/*` (any case).
    public var isMultipart: Bool { Self.equalFold(rawType, "multipart") }
    /// Whether this is `message/rfc822` (any case).
    public var isMessageRFC822: Bool { Self.equalFold(rawType, "message") && Self.equalFold(rawSubtype, "rfc822") }

    private static func equalFold(_ bytes: [UInt8], _ lowercase: String) -> Bool {
        let expected = Array(lowercase.utf8)
        guard bytes.count == expected.count else { return false }
        for (byte, wanted) in zip(bytes, expected) where ((byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte) != wanted {
            return false
        }
        return true
    }

    /// The `charset` parameter, if any.
    public var charset: String? { parameters["charset"] }
    /// The `boundary` parameter, if any.
    public var boundary: String? { parameters["boundary"] }

    /// Parses a raw Content-Type value.
    /// - Parameter value: The field value as it appears in the message (folding kept).
    /// - Returns: The content type; never fails, see the type's discussion.
    public init(parsing value: [UInt8]) {
        // Like Dovecot: a value that is only a type ("text") keeps it with an empty subtype; any other
        // value that is not `type "/" subtype` followed by parameters or nothing leaves both empty.
        var lexer = RFC822Lexer(value)
        var typeBytes: [UInt8] = []
        var subtypeBytes: [UInt8] = []
        var valid = false
        var typeStep = RFC822Lexer.Step.failed
        if lexer.skipWhitespace() == .more {
            typeStep = lexer.parseToken(into: &typeBytes)
        }
        if typeStep == .more, !typeBytes.isEmpty, lexer.current == UInt8(ascii: "/") {
            lexer.position += 1
            if lexer.skipWhitespace() == .more, lexer.parseToken(into: &subtypeBytes) != .failed, !subtypeBytes.isEmpty,
                lexer.atEnd || lexer.current == UInt8(ascii: ";")
            {
                valid = true
            } else {
                typeBytes = []
                subtypeBytes = []
            }
        }
        if !valid && typeStep != .end {
            typeBytes = []
            subtypeBytes = []
        }
        self.rawType = typeBytes
        self.rawSubtype = subtypeBytes
        self.isExplicit = true
        self.parameters = valid ? MIMEParameters(lexer: &lexer) : MIMEParameters()
    }
}

extension String {
    /// ASCII-only lowercasing (header tokens are ASCII; this avoids Unicode case rules).
    func lowercasedASCII() -> String {
        var bytes = Array(utf8)
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
