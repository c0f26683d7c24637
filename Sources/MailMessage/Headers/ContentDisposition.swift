/// A parsed Content-Disposition field (RFC 2183): the disposition type as written and its parameters.
public struct ContentDisposition: Sendable, Hashable {
    /// `inline`, `attachment` … as written.
    public var type: String { String(decoding: rawType, as: UTF8.self) }
    /// The disposition type's bytes as written.
    public var rawType: [UInt8]
    /// The parameters (RFC 2231 continuations merged, see ``MIMEParameters``).
    public var parameters: MIMEParameters

    /// Parses a raw Content-Disposition value; `nil` if it does not start with a token.
    public init?(parsing value: [UInt8]) {
        var lexer = RFC822Lexer(value)
        lexer.skipWhitespace()
        var token: [UInt8] = []
        guard lexer.parseToken(into: &token) != .failed else { return nil }
        self.rawType = token
        self.parameters = MIMEParameters(lexer: &lexer)
    }

    /// The decoded `filename` parameter (RFC 2231 or RFC 2047 forms).
    public var filename: String? { parameters.decodedValue("filename") }
}
