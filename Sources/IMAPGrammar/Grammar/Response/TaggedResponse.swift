import struct NIOCore.ByteBuffer

/// `response-tagged = tag SP resp-cond-state CRLF`.
public struct TaggedResponse: Hashable, Sendable {
    public var tag: String
    public var state: ResponseState

    public init(tag: String, state: ResponseState) {
        self.tag = tag
        self.state = state
    }
}
