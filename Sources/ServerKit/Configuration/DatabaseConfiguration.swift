/// A password or user database (`auth.passdb`, `auth.userdb`), chosen by its `driver` key.
public enum DatabaseConfiguration: Sendable, Hashable {
    /// A Dovecot-compatible passwd-file (`user:{SCHEME}hash:uid:gid::home::extra`).
    case passwdFile(path: String)
    /// A SQLite database file queried with the given SQL.
    case sqlite(path: String, queries: SQLQueries)
    /// A PostgreSQL server queried with the given SQL.
    case postgresql(connection: PostgreSQLConnection, queries: SQLQueries)
    /// Userdb only: every user gets the same attributes; `home` is a template
    /// (`%u` user, `%n` local part, `%d` domain), `nil` for `<mail.root>/%d/%n`.
    case staticFields(home: String?)
    /// Userdb only: user attributes come from the passdb lookup (`userdb_` prefixed fields).
    case prefetch

    /// The SQL run by a `sqlite` or `postgresql` database; `%u`, `%n`, `%d` are the user, local part, domain.
    public struct SQLQueries: Sendable, Hashable {
        /// Returns `password` (and optional `userdb_*` fields) for a user; required for a passdb.
        public var password: String?
        /// Returns `home` (and other attributes) for a user; required for a userdb.
        public var user: String?
        /// Lists all users (`columba user list`, replication); optional.
        public var iterate: String?

        /// Creates a query set.
        public init(password: String?, user: String?, iterate: String?) {
            self.password = password
            self.user = user
            self.iterate = iterate
        }
    }

    /// How to reach a PostgreSQL server.
    public enum PostgreSQLConnection: Sendable, Hashable {
        /// A `postgres://user:password@host:port/database` URL; secret.
        case url(String)
        /// Separate parameters; `password` is secret.
        case parameters(host: String, port: Int, user: String, password: String?, database: String)
    }

    /// The `driver` name as written in the file.
    public var driver: String {
        switch self {
        case .passwdFile: "passwd-file"
        case .sqlite: "sqlite"
        case .postgresql: "postgresql"
        case .staticFields: "static"
        case .prefetch: "prefetch"
        }
    }
}
