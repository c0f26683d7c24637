/// A password database: finds a user's stored password and extra fields.
public protocol PassDB: Sendable {
    /// Looks a user up.
    /// - Parameter request: the username and connection context.
    /// - Returns: the entry, or `nil` when the user does not exist.
    /// - Throws: a backend error (I/O, SQL); the authenticator reports it as a temporary failure.
    func lookupPassword(_ request: LookupRequest) async throws -> PassDBEntry?
}

/// A user database: finds where and how a user's mail is served.
public protocol UserDB: Sendable {
    /// Looks a user up.
    /// - Parameter request: the username and connection context.
    /// - Returns: the record, or `nil` when the user does not exist.
    func lookupUser(_ request: LookupRequest) async throws -> UserRecord?

    /// Lists every username (for `doveadm`-style `-A` iteration).
    func listUsers() async throws -> [String]
}
