/// The configured queries of an SQL passdb/userdb, Dovecot style.
///
/// ```
/// password: SELECT userid AS user, password, home AS userdb_home FROM users WHERE userid = '%u'
/// user:     SELECT home, mail, uid, gid, quota_rule FROM users WHERE userid = '%u'
/// iterate:  SELECT userid AS user FROM users
/// ```
/// Result columns map to fields by name: `password`, `user`, and extra fields (`nologin`,
/// `proxy`, `host`, `userdb_*`) for the password query; `home`, `mail`, `uid`, `gid`,
/// `quota_rule`, `mail_replica`, `host`, … for the user query; `user` (or `username`)
/// for the iterate query. NULL columns are ignored.
public struct SQLQueries: Sendable, Hashable {
    /// The passdb query.
    public var password: String
    /// The userdb query.
    public var user: String
    /// The query listing every user.
    public var iterate: String?

    /// Creates a query set.
    public init(password: String, user: String, iterate: String? = nil) {
        self.password = password
        self.user = user
        self.iterate = iterate
    }
}

/// The compiled queries plus how rows become entries; shared by the SQL backends.
struct SQLStatements: Sendable {
    let password: QueryTemplate
    let user: QueryTemplate
    let iterate: QueryTemplate?
    let defaultScheme: PasswordFormat

    init(queries: SQLQueries, style: QueryTemplate.PlaceholderStyle, defaultScheme: PasswordFormat) throws {
        password = try QueryTemplate(queries.password, style: style)
        user = try QueryTemplate(queries.user, style: style)
        iterate = try queries.iterate.map { try QueryTemplate($0, style: style) }
        self.defaultScheme = defaultScheme
    }

    func passDBEntry(row: [String: String], request: LookupRequest) -> PassDBEntry {
        var fields = row
        let username = fields.removeValue(forKey: "user") ?? request.username
        var password = fields.removeValue(forKey: "password")
        if let noscheme = fields.removeValue(forKey: "password_noscheme") {
            password = "{\(defaultScheme)}\(noscheme)"
        }
        return PassDBEntry(username: username, password: password, defaultScheme: defaultScheme, fields: fields)
    }

    func userRecord(row: [String: String], request: LookupRequest) throws -> UserRecord {
        try UserRecord(username: request.username, fields: row)
    }

    static func username(row: [String: String]) -> String? {
        row["user"] ?? row["username"]
    }
}

/// An SQL query failed; names the query (never its bound values, which may be secrets).
public struct SQLQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The backend (`sqlite`, `pgsql`).
    public var backend: String
    /// The query as configured.
    public var query: String
    /// The driver's message.
    public var message: String

    /// Creates an error.
    public init(backend: String, query: String, message: String) {
        self.backend = backend
        self.query = query
        self.message = message
    }

    public var description: String { "\(backend) query \"\(query)\" failed: \(message)" }
}
