/// A server response the reader could not accept: bad framing, a limit exceeded, or bad syntax.
public struct IMAPResponseError: Error, Equatable, CustomStringConvertible {
    /// What was wrong.
    public var reason: String
    /// The start of the offending response, printable.
    public var excerpt: String

    public init(_ reason: String, excerpt: String = "") {
        self.reason = reason
        self.excerpt = excerpt
    }

    public var description: String {
        excerpt.isEmpty ? reason : "\(reason): \(excerpt)"
    }
}
