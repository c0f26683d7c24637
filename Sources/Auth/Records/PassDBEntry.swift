/// What a passdb returns for a user: the stored password and extra fields.
public struct PassDBEntry: Sendable, Hashable {
    /// The canonical username (a `user` field in the backend rewrites it).
    public var username: String
    /// The stored password string, `{SCHEME}` prefix included; `nil` or empty when none is set.
    public var password: String?
    /// The scheme of a password without `{SCHEME}` prefix (the backend's default).
    public var defaultScheme: PasswordFormat
    /// Extra fields (`nologin`, `proxy`, `host`, `allow_nets`, `userdb_*`, …).
    public var fields: [String: String]

    /// Creates an entry.
    public init(username: String, password: String?, defaultScheme: PasswordFormat, fields: [String: String] = [:]) {
        self.username = username
        self.password = password
        self.defaultScheme = defaultScheme
        self.fields = fields
    }

    /// The parsed stored password, `nil` when the entry has none.
    /// - Throws: ``UnknownPasswordScheme``.
    public func storedPassword() throws -> StoredPassword? {
        guard let password, !password.isEmpty else { return nil }
        return try StoredPassword(parsing: password, defaultScheme: defaultScheme)
    }

    /// `nologin`: the user may not log in here (possibly proxied instead).
    public var noLogin: Bool { fields["nologin"] != nil }
    /// `nopassword`: any password is accepted.
    public var noPassword: Bool { fields["nopassword"] != nil }
    /// `proxy` or `proxy_maybe`: the session is to be proxied to ``host``.
    public var proxy: Bool { fields["proxy"] != nil || fields["proxy_maybe"] != nil }
    /// `host`: the backend a proxy or director sends the user to.
    public var host: String? { fields["host"] }
    /// `reason`: text for the client when login is refused.
    public var reason: String? { fields["reason"] }
    /// `allow_nets`: networks the user may log in from (comma separated CIDRs).
    public var allowNets: [String]? {
        fields["allow_nets"].map { $0.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) }
    }

    /// The `userdb_*` fields with the prefix removed (Dovecot's prefetch userdb).
    public var userdbFields: [String: String] {
        var out: [String: String] = [:]
        for (key, value) in fields where key.hasPrefix("userdb_") {
            out[String(key.dropFirst("userdb_".count))] = value
        }
        return out
    }
}
