/// A configuration that cannot be used, with every problem found (not only the first).
///
/// Its description prints one problem per line, each `file:line: key: what is wrong; expected …`.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order they were found (file order, then cross-key checks).
    public var problems: [ConfigurationProblem]

    /// Creates an error from at least one problem.
    public init(problems: [ConfigurationProblem]) {
        precondition(!problems.isEmpty, "a ConfigurationError needs at least one problem")
        self.problems = problems
    }

    /// One line per problem.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
