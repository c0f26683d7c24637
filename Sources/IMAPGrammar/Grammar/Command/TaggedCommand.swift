import struct NIOCore.ByteBuffer

/// A command with its tag: `command = tag SP (...) CRLF`.
public struct TaggedCommand: Hashable, Sendable {
    public var tag: String
    public var command: Command

    public init(tag: String, command: Command) {
        self.tag = tag
        self.command = command
    }
}
