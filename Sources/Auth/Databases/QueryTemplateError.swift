/// A configured query cannot be compiled.
public struct QueryTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The query as configured.
    public var query: String
    /// What is wrong with it.
    public var problem: String

    public var description: String { "query \"\(query)\": \(problem)" }
}
