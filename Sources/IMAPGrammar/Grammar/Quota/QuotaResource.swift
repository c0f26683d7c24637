import struct NIOCore.ByteBuffer

/// `setquota-resource = resource-name SP resource-limit` (RFC 9208 §4.1.3).
public struct QuotaLimit: Hashable, Sendable {
    /// `STORAGE`, `MESSAGE`, `MAILBOX`, `ANNOTATION-STORAGE` or another atom, upper-cased.
    public var resource: String
    public var limit: UInt64

    public init(resource: String, limit: UInt64) {
        self.resource = resource
        self.limit = limit
    }
}

/// One line of a QUOTA response: `resource-name SP resource-usage SP resource-limit`.
public struct QuotaUsage: Hashable, Sendable {
    public var resource: String
    public var usage: UInt64
    public var limit: UInt64

    public init(resource: String, usage: UInt64, limit: UInt64) {
        self.resource = resource
        self.usage = usage
        self.limit = limit
    }
}

/// One `string SP nstring` pair of an ID command or response (RFC 2971).
public struct IDField: Hashable, Sendable {
    public var key: String
    public var value: String?

    public init(_ key: String, _ value: String?) {
        self.key = key
        self.value = value
    }
}
