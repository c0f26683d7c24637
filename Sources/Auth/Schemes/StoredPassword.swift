/// A password as a passdb stores it: `{SCHEME}payload`, or a bare payload in the
/// backend's default scheme.
public struct StoredPassword: Sendable, Hashable {
    /// The scheme and encoding of ``payload``.
    public var format: PasswordFormat
    /// Everything after the `{SCHEME}` prefix.
    public var payload: String

    /// Creates a stored password from its parts.
    public init(format: PasswordFormat, payload: String) {
        self.format = format
        self.payload = payload
    }

    /// Parses a stored password string.
    /// - Parameters:
    ///   - text: the string from the passdb.
    ///   - defaultScheme: the scheme to assume when there is no `{SCHEME}` prefix.
    /// - Throws: ``UnknownPasswordScheme`` when the prefix names a scheme Columba does not know.
    public init(parsing text: String, defaultScheme: PasswordFormat) throws {
        guard text.hasPrefix("{"), let close = text.firstIndex(of: "}") else {
            self.init(format: defaultScheme, payload: text)
            return
        }
        let name = String(text[text.index(after: text.startIndex)..<close])
        guard let format = PasswordFormat(name: name) else {
            throw UnknownPasswordScheme(name: name)
        }
        self.init(format: format, payload: String(text[text.index(after: close)...]))
    }

    /// The string as Dovecot writes it: `{SCHEME}payload`.
    public var encoded: String { "{\(format)}\(payload)" }
}
