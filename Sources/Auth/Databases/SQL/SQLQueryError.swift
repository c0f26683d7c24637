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
