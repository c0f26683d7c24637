/// The crypt or argon2 library refused to hash (bad cost parameter, password with NUL, no memory).
public struct PasswordHashingFailed: Error, Sendable, Hashable, CustomStringConvertible {
    /// The requested format.
    public var format: PasswordFormat

    public var description: String { "could not hash a password with scheme \(format)" }
}
