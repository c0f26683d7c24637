/// A scheme plus an optional encoding suffix, as written in `doveadm pw -s SHA512.HEX`.
public struct PasswordFormat: Sendable, Hashable, CustomStringConvertible {
    /// The hashing scheme.
    public var scheme: PasswordScheme
    /// The encoding of the binary hash; `nil` means the scheme's default.
    public var encoding: PasswordEncoding?

    /// Creates a format.
    /// - Parameters:
    ///   - scheme: the scheme.
    ///   - encoding: an explicit encoding, or `nil` for the scheme's default.
    public init(_ scheme: PasswordScheme, encoding: PasswordEncoding? = nil) {
        self.scheme = scheme
        self.encoding = encoding
    }

    /// Parses `SCHEME` or `SCHEME.HEX` / `SCHEME.B64`; `nil` for unknown names.
    /// - Parameter name: the text between the braces of a stored password.
    public init?(name: String) {
        if let scheme = PasswordScheme(name: name) {
            self.init(scheme)
            return
        }
        guard let dot = name.lastIndex(of: "."),
            let scheme = PasswordScheme(name: String(name[..<dot])),
            let encoding = PasswordEncoding(suffix: String(name[name.index(after: dot)...]))
        else { return nil }
        self.init(scheme, encoding: encoding)
    }

    /// The encoding actually used.
    var effectiveEncoding: PasswordEncoding { encoding ?? scheme.defaultEncoding }

    /// The name as written between braces (`SHA512.HEX`).
    public var description: String {
        guard let encoding, encoding != .none else { return scheme.rawValue }
        return "\(scheme.rawValue).\(encoding.rawValue)"
    }
}
