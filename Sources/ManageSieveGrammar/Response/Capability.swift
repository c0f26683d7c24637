import struct NIOCore.ByteBuffer

/// One line of the capability list the server sends in its greeting, after STARTTLS and for
/// CAPABILITY (RFC 5804 §1.7): `"SIEVE" "fileinto vacation"`, `"STARTTLS"`.
public struct Capability: Sendable, Hashable {
    public var name: String
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }
}

// MARK: - Encoding

extension ByteBuffer {
    /// Writes the capability's line, CRLF included.
    @discardableResult
    public mutating func writeCapability(_ capability: Capability) -> Int {
        var written = writeManageSieveString(capability.name)
        if let value = capability.value {
            written += writeString(" ")
            written += writeManageSieveString(value)
        }
        return written + writeString("\r\n")
    }
}
