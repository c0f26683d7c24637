import GRDB

/// A passdb/userdb backed by an SQLite file, opened read-only through GRDB. Queries run on
/// GRDB's own queue, never on an event loop.
public final class SQLiteDatabase: PassDB, UserDB {
    private let queue: DatabaseQueue
    private let statements: SQLStatements
    /// The database file.
    public let path: String

    /// Opens an SQLite database read-only.
    /// - Parameters:
    ///   - path: the database file.
    ///   - queries: the configured queries (`?` placeholders are generated from `%u`…).
    ///   - defaultScheme: the scheme of passwords without `{SCHEME}` prefix (Dovecot: `MD5-CRYPT`).
    /// - Throws: ``QueryTemplateError`` or ``SQLQueryError`` when the file cannot be opened.
    public init(path: String, queries: SQLQueries, defaultScheme: PasswordFormat = .init(.md5Crypt)) throws {
        self.path = path
        statements = try SQLStatements(queries: queries, style: .questionMark, defaultScheme: defaultScheme)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "columba-auth"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw SQLQueryError(backend: "sqlite", query: "open \(path)", message: "\(error)")
        }
    }

    public func lookupPassword(_ request: LookupRequest) async throws -> PassDBEntry? {
        try await fetchOne(statements.password, request).map { statements.passDBEntry(row: $0, request: request) }
    }

    public func lookupUser(_ request: LookupRequest) async throws -> UserRecord? {
        guard let row = try await fetchOne(statements.user, request) else { return nil }
        return try statements.userRecord(row: row, request: request)
    }

    public func listUsers() async throws -> [String] {
        guard let iterate = statements.iterate else { return [] }
        let sql = iterate.sql
        let arguments = StatementArguments(iterate.bindings(for: LookupRequest(username: "")))
        do {
            return try await queue.read { db in
                try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap {
                    SQLStatements.username(row: Self.fields(of: $0))
                }
            }
        } catch {
            throw SQLQueryError(backend: "sqlite", query: iterate.source, message: "\(error)")
        }
    }

    private func fetchOne(_ template: QueryTemplate, _ request: LookupRequest) async throws -> [String: String]? {
        let sql = template.sql
        let arguments = StatementArguments(template.bindings(for: request))
        do {
            return try await queue.read { db in
                try Row.fetchOne(db, sql: sql, arguments: arguments).map(Self.fields(of:))
            }
        } catch {
            throw SQLQueryError(backend: "sqlite", query: template.source, message: "\(error)")
        }
    }

    private static func fields(of row: Row) -> [String: String] {
        var fields: [String: String] = [:]
        for (column, value) in row {
            switch value.storage {
            case .null: continue
            case .int64(let number): fields[column] = String(number)
            case .double(let number): fields[column] = String(number)
            case .string(let text): fields[column] = text
            case .blob(let data): fields[column] = String(decoding: data, as: UTF8.self)
            }
        }
        return fields
    }
}
