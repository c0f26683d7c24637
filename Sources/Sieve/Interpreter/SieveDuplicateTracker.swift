/// Remembers which messages a user has had delivered, for the `duplicate` test (RFC 7352). The
/// server keeps one per user; ``SieveResult/duplicateMarks`` says what to remember once the
/// delivery succeeded.
public protocol SieveDuplicateTracker: AnyObject {
    /// Whether `key` was recorded and has not expired at `now` (seconds since 1970).
    func contains(_ key: String, now: Int) -> Bool
    /// Records `key` until `expiry` (seconds since 1970), replacing an earlier expiry.
    func record(_ key: String, until expiry: Int)
}

/// A ``SieveDuplicateTracker`` in memory, for tests and single-process use.
public final class InMemoryDuplicateTracker: SieveDuplicateTracker {
    private var expiries: [String: Int] = [:]

    public init() {}

    public func contains(_ key: String, now: Int) -> Bool {
        guard let expiry = expiries[key] else { return false }
        return expiry > now
    }

    public func record(_ key: String, until expiry: Int) {
        expiries[key] = expiry
    }
}

/// An identifier to record after a successful delivery (RFC 7352 §3).
public struct SieveDuplicateMark: Hashable, Sendable {
    /// The handle and the unique ID together, as the tracker stores them.
    public var key: String
    /// Seconds since 1970 after which the identifier is forgotten.
    public var expiry: Int
}
