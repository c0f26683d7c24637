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
