import struct NIOCore.ByteBuffer

// MARK: - Encoding

extension ByteBuffer {
    /// Writes `text` as a quoted string, or as a literal `{n}` CRLF octets when it is too long to
    /// quote or holds a character a quoted string cannot (NUL, CR, LF) (RFC 5804 §4).
    @discardableResult
    public mutating func writeManageSieveString(_ text: String) -> Int {
        writeManageSieveString(Array(text.utf8))
    }

    /// Writes `octets` as a quoted string or a literal, as ``writeManageSieveString(_:)-(String)``.
    @discardableResult
    public mutating func writeManageSieveString(_ octets: [UInt8]) -> Int {
        let quotable = octets.count <= ManageSieveDefaults.maximumQuotedLength
            && !octets.contains { $0 == 0 || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
            && String(validating: octets, as: UTF8.self) != nil
        guard quotable else { return writeLiteral(octets) }
        var written = writeString("\"")
        for byte in octets {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { written += writeInteger(UInt8(ascii: "\\")) }
            written += writeInteger(byte)
        }
        return written + writeString("\"")
    }

    /// Writes `{n}` CRLF and the octets (`literal-s2c`).
    @discardableResult
    public mutating func writeLiteral(_ octets: [UInt8]) -> Int {
        writeString("{\(octets.count)}\r\n") + writeBytes(octets)
    }
}
