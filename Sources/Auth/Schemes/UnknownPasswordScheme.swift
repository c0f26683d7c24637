/// A stored password names a scheme that is not supported.
public struct UnknownPasswordScheme: Error, Sendable, Hashable, CustomStringConvertible {
    /// The scheme name as written between the braces.
    public var name: String

    public var description: String { "unknown password scheme {\(name)}" }
}
