/// A response that contradicts the protocol or the client's view of the mailbox.
public struct CheckFailure: Error, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
