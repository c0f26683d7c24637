/// A plaintext password in transit. Its description is redacted so that it never reaches a log.
public struct SASLSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The password.
    public let value: String

    /// Wraps a password.
    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
