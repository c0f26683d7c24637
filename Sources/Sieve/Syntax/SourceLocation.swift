/// A place in a Sieve script, 1-based, as errors report it (`line:column`).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    /// Counted in Unicode scalars from the start of the line.
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// A script that does not compile, with where and why.
public struct SieveSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
