import struct NIOCore.ByteBuffer

/// One `string SP nstring` pair of an ID command or response (RFC 2971).
public struct IDField: Hashable, Sendable {
    public var key: String
    public var value: String?

    public init(_ key: String, _ value: String?) {
        self.key = key
        self.value = value
    }
}
