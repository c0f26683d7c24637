/// An argument of a command or test (RFC 5228 §2.6).
public struct SieveArgument: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        /// A single string.
        case string(String)
        /// `[ "a", "b" ]`.
        case stringList([String])
        case number(UInt64)
        /// `:name`, lower-cased, without the colon.
        case tag(String)
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// A test: `name arguments` or, for `allof`/`anyof`/`not`, nested tests (RFC 5228 §2.6.3).
public struct SieveTest: Hashable, Sendable {
    /// Lower-cased.
    public var name: String
    public var arguments: [SieveArgument]
    /// The tests of a test list, or the single test `not` takes.
    public var tests: [SieveTest]
    public var location: SourceLocation
}

/// A command with its arguments, tests and block (RFC 5228 §2.9).
public struct SieveCommand: Hashable, Sendable {
    /// Lower-cased.
    public var name: String
    public var arguments: [SieveArgument]
    /// A single test (`if`) or a test list.
    public var tests: [SieveTest]
    /// The commands between braces, or `nil` when the command ends with `;`.
    public var block: [SieveCommand]?
    public var location: SourceLocation
}
