import struct NIOCore.ByteBuffer

/// One line of LISTSCRIPTS (RFC 5804 §2.7): the name, and `ACTIVE` for the active script.
public struct ScriptListing: Sendable, Hashable {
    public var name: String
    public var isActive: Bool

    public init(name: String, isActive: Bool) {
        self.name = name
        self.isActive = isActive
    }
}

// MARK: - Encoding

extension ByteBuffer {
    /// Writes the listing's line, CRLF included.
    @discardableResult
    public mutating func writeScriptListing(_ listing: ScriptListing) -> Int {
        writeManageSieveString(listing.name) + writeString(listing.isActive ? " ACTIVE\r\n" : "\r\n")
    }
}
