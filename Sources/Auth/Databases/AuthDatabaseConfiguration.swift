import Logging

/// Which backend serves passdb and userdb lookups, as the server configuration names it.
public enum AuthDatabaseConfiguration: Sendable, Hashable {
    /// A Dovecot passwd-file (the built-in account file is one). Dovecot's default scheme is `CRYPT`.
    case passwdFile(path: String, defaultScheme: PasswordFormat = .init(.crypt))
    /// An SQLite database opened read-only. Dovecot's SQL default scheme is `MD5` (MD5-CRYPT).
    case sqlite(path: String, queries: SQLQueries, defaultScheme: PasswordFormat = .init(.md5Crypt))
    /// A PostgreSQL server at `postgres://user:password@host:port/database`.
    case postgreSQL(url: String, queries: SQLQueries, defaultScheme: PasswordFormat = .init(.md5Crypt))

    /// Opens the backend. A ``PostgreSQLDatabase`` must also be ``PostgreSQLDatabase/run()``-ing
    /// before its first lookup.
    /// - Parameter logger: receives backend warnings and errors.
    /// - Throws: ``QueryTemplateError`` or ``SQLQueryError`` when the configuration cannot be used.
    public func open(logger: Logger) throws -> any PassDB & UserDB {
        switch self {
        case .passwdFile(let path, let defaultScheme):
            return PasswdFileDatabase(path: path, defaultScheme: defaultScheme, logger: logger)
        case .sqlite(let path, let queries, let defaultScheme):
            return try SQLiteDatabase(path: path, queries: queries, defaultScheme: defaultScheme)
        case .postgreSQL(let url, let queries, let defaultScheme):
            return try PostgreSQLDatabase(
                configuration: PostgreSQLDatabase.configuration(url: url),
                queries: queries,
                defaultScheme: defaultScheme,
                logger: logger
            )
        }
    }
}
