import Foundation
import Logging
import PostgresNIO

/// A passdb/userdb backed by PostgreSQL through postgres-nio's connection pool.
///
/// The pool works only while ``run()`` runs: start it in a long-lived task (a service in the
/// server's `ServiceGroup`) before the first lookup, and cancel that task on shutdown.
public final class PostgreSQLDatabase: PassDB, UserDB {
    private let client: PostgresClient
    private let statements: SQLStatements
    private let logger: Logger

    /// Creates the database client.
    /// - Parameters:
    ///   - configuration: connection settings for postgres-nio.
    ///   - queries: the configured queries (`$n` placeholders are generated from `%u`…).
    ///   - defaultScheme: the scheme of passwords without `{SCHEME}` prefix (Dovecot: `MD5-CRYPT`).
    ///   - logger: for the pool's background events. Capped at `info`: postgres-nio's trace
    ///     output describes protocol messages, and result rows hold password hashes.
    /// - Throws: ``QueryTemplateError`` for a query that does not compile.
    public init(
        configuration: PostgresClient.Configuration,
        queries: SQLQueries,
        defaultScheme: PasswordFormat = .init(.md5Crypt),
        logger: Logger
    ) throws {
        statements = try SQLStatements(queries: queries, style: .dollarNumber, defaultScheme: defaultScheme)
        var capped = logger
        capped.logLevel = max(logger.logLevel, .info)
        client = PostgresClient(configuration: configuration, backgroundLogger: capped)
        self.logger = capped
    }

    /// Builds a postgres-nio configuration from `postgres://user:password@host:port/database`
    /// (TLS off; the connection is meant for a local or private network).
    /// - Throws: ``SQLQueryError`` for a URL that is not of that form.
    public static func configuration(url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
            components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, let user = components.user
        else { throw SQLQueryError(backend: "pgsql", query: "connect", message: "not a postgres:// URL") }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        return PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: user,
            password: components.password,
            database: database.isEmpty ? nil : database,
            tls: .disable
        )
    }

    /// Runs the connection pool until the surrounding task is cancelled.
    public func run() async {
        await client.run()
    }

    public func lookupPassword(_ request: LookupRequest) async throws -> PassDBEntry? {
        try await fetch(statements.password, request).first.map { statements.passDBEntry(row: $0, request: request) }
    }

    public func lookupUser(_ request: LookupRequest) async throws -> UserRecord? {
        guard let row = try await fetch(statements.user, request).first else { return nil }
        return try statements.userRecord(row: row, request: request)
    }

    public func listUsers() async throws -> [String] {
        guard let iterate = statements.iterate else { return [] }
        return try await fetch(iterate, LookupRequest(username: "")).compactMap(SQLStatements.username(row:))
    }

    private func fetch(_ template: QueryTemplate, _ request: LookupRequest) async throws -> [[String: String]] {
        var bindings = PostgresBindings()
        for value in template.bindings(for: request) {
            bindings.append(value)
        }
        do {
            let rows = try await client.query(PostgresQuery(unsafeSQL: template.sql, binds: bindings), logger: logger)
            var result: [[String: String]] = []
            for try await row in rows {
                var fields: [String: String] = [:]
                for cell in row {
                    if let text = Self.text(of: cell) { fields[cell.columnName] = text }
                }
                result.append(fields)
            }
            return result
        } catch {
            throw SQLQueryError(backend: "pgsql", query: template.source, message: Self.describe(error))
        }
    }

    /// The server's message, or the client-side error code; never the bound values.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        return "\(error.code)"
    }

    /// A cell as text; NULL and boolean false become absent fields.
    private static func text(of cell: PostgresCell) -> String? {
        guard cell.bytes != nil else { return nil }
        switch cell.dataType {
        case .bool: return (try? cell.decode(Bool.self)) == true ? "1" : nil
        case .int2, .int4, .int8: return (try? cell.decode(Int.self)).map(String.init)
        case .float4, .float8: return (try? cell.decode(Double.self)).map { String($0) }
        default:
            if let text = try? cell.decode(String.self) { return text }
            guard cell.format == .text, let bytes = cell.bytes else { return nil }
            return String(buffer: bytes)
        }
    }
}
