import NIOCore

/// Bytes the client writes and how many replies they ask for: pipelined commands ask for one
/// each, the message body for none, the final dot for one per accepted recipient.
struct LMTPRequest: Sendable {
    var bytes: ByteBuffer
    var replies: Int
}
