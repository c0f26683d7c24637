import NIOCore

/// A parsed response together with the bytes it came from, for printing an offending exchange.
public struct ReceivedResponse: Sendable {
    public var response: IMAPResponse
    public var raw: ByteBuffer

    public init(response: IMAPResponse, raw: ByteBuffer) {
        self.response = response
        self.raw = raw
    }
}
