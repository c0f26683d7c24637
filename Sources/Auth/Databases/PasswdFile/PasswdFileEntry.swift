/// One user line of a Dovecot passwd-file:
/// `user:password:uid:gid:gecos:home:shell:extra_fields`.
///
/// Trailing fields may be missing. Extra fields are space separated `key=value` (or a bare
/// `key`); those with a `userdb_` prefix are userdb fields.
public struct PasswdFileEntry: Sendable, Hashable {
    /// The username (first field).
    public var username: String
    /// The stored password, possibly with a `{SCHEME}` prefix; empty when none.
    public var password: String
    /// uid field, empty when not set.
    public var uid: String
    /// gid field, empty when not set.
    public var gid: String
    /// gecos field (ignored by Dovecot).
    public var gecos: String
    /// Home directory field.
    public var home: String
    /// Shell field (ignored by Dovecot).
    public var shell: String
    /// Extra fields in file order.
    public var extraFields: [(key: String, value: String?)]

    /// Creates an entry.
    public init(
        username: String,
        password: String,
        uid: String = "",
        gid: String = "",
        gecos: String = "",
        home: String = "",
        shell: String = "",
        extraFields: [(key: String, value: String?)] = []
    ) {
        self.username = username
        self.password = password
        self.uid = uid
        self.gid = gid
        self.gecos = gecos
        self.home = home
        self.shell = shell
        self.extraFields = extraFields
    }

    /// Parses one line. Returns `nil` for blank lines and `#` comments.
    /// - Parameter line: the line without its newline.
    /// - Throws: ``PasswdFileLineError`` describing what is malformed.
    public init?(line: String) throws {
        let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
        let fields = line.split(separator: ":", maxSplits: 7, omittingEmptySubsequences: false).map(String.init)
        func field(_ index: Int) -> String { index < fields.count ? fields[index] : "" }
        guard !field(0).isEmpty else { throw PasswdFileLineError(problem: "empty username") }
        for (index, name) in [(2, "uid"), (3, "gid")] where !field(index).isEmpty && UInt32(field(index)) == nil {
            throw PasswdFileLineError(problem: "\(name) \"\(field(index))\" is not a number")
        }
        var extras: [(key: String, value: String?)] = []
        for token in field(7).split(separator: " ", omittingEmptySubsequences: true) {
            if let equals = token.firstIndex(of: "=") {
                extras.append((String(token[..<equals]), String(token[token.index(after: equals)...])))
            } else {
                extras.append((String(token), nil))
            }
        }
        self.init(
            username: field(0),
            password: field(1),
            uid: field(2),
            gid: field(3),
            gecos: field(4),
            home: field(5),
            shell: field(6),
            extraFields: extras
        )
    }

    /// The passdb view: stored password plus extra fields without the `userdb_` prefix
    /// stripped (Dovecot's passdb semantics; `userdb_*` are prefetch fields).
    /// - Parameter defaultScheme: the scheme of a password without prefix.
    public func passDBEntry(defaultScheme: PasswordFormat) -> PassDBEntry {
        var fields: [String: String] = [:]
        for (key, value) in extraFields { fields[key] = value ?? "" }
        if !uid.isEmpty { fields["userdb_uid"] = fields["userdb_uid"] ?? uid }
        if !gid.isEmpty { fields["userdb_gid"] = fields["userdb_gid"] ?? gid }
        if !home.isEmpty { fields["userdb_home"] = fields["userdb_home"] ?? home }
        let canonical = fields.removeValue(forKey: "user") ?? username
        return PassDBEntry(username: canonical, password: password, defaultScheme: defaultScheme, fields: fields)
    }

    /// The userdb view: uid, gid, home and the `userdb_*` extra fields.
    /// - Throws: ``InvalidUserField`` for unparsable values.
    public func userRecord() throws -> UserRecord {
        try UserRecord(username: username, fields: passDBEntry(defaultScheme: .init(.crypt)).userdbFields)
    }

    /// The line as written back to the file.
    public var line: String {
        let extras = extraFields.map { field in field.value.map { "\(field.key)=\($0)" } ?? field.key }
            .joined(separator: " ")
        var fields = [username, password, uid, gid, gecos, home, shell, extras]
        while fields.count > 2, fields.last?.isEmpty == true { fields.removeLast() }
        return fields.joined(separator: ":")
    }

    public static func == (lhs: PasswdFileEntry, rhs: PasswdFileEntry) -> Bool { lhs.line == rhs.line }

    public func hash(into hasher: inout Hasher) { hasher.combine(line) }
}
