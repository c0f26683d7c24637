/// A userdb returned a field whose value does not parse.
public struct InvalidUserField: Error, Sendable, Hashable, CustomStringConvertible {
    /// The user looked up.
    public var user: String
    /// The field name.
    public var field: String
    /// The offending value.
    public var value: String

    public var description: String { "userdb field \(field)=\(value) of user \(user) is invalid" }
}
