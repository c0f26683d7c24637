import struct NIOCore.ByteBuffer

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
