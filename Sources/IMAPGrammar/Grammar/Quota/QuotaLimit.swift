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
