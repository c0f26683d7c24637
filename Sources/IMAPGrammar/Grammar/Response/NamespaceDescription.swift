import struct NIOCore.ByteBuffer

/// `namespace-descr = "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil) ")"` (RFC 2342).
public struct NamespaceDescription: Hashable, Sendable {
    public var prefix: String
    public var delimiter: Character?

    public init(prefix: String, delimiter: Character?) {
        self.prefix = prefix
        self.delimiter = delimiter
    }
}
