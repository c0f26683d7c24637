import struct NIOCore.ByteBuffer

/// A mailbox name, decoded to Unicode (from modified UTF-7, or from UTF-8 under UTF8=ACCEPT).
///
/// `INBOX` is case-insensitive (RFC 9051 §5.1): any spelling of it is stored as `INBOX`.
public struct MailboxName: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let name: String

    public init(_ name: String) {
        self.name = name.uppercased() == "INBOX" ? "INBOX" : name
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public static let inbox = MailboxName("INBOX")

    public var description: String { name }

    /// The name's wire form: modified UTF-7, or UTF-8 when `utf8Accept`.
    public func wireBytes(utf8Accept: Bool) -> [UInt8] {
        utf8Accept ? Array(name.utf8) : Array(ModifiedUTF7.encode(name).utf8)
    }

    /// Decodes a wire name. With `utf8Accept` the bytes must be UTF-8 (RFC 6855 §3); otherwise they
    /// must be modified UTF-7, except that 8-bit names that are valid UTF-8 are accepted as such
    /// (IMAP4rev2 clients, RFC 9051 §5.1, send UTF-8).
    public init?(wireBytes bytes: some Collection<UInt8>, utf8Accept: Bool) {
        if utf8Accept || bytes.contains(where: { $0 >= 0x80 }) {
            guard let text = String(validating: Array(bytes), as: UTF8.self), !text.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                return nil
            }
            self.init(text)
            return
        }
        guard let text = ModifiedUTF7.decode(bytes) else { return nil }
        self.init(text)
    }
}

// MARK: - Encoding

extension EncodeBuffer {
    /// `mailbox = "INBOX" / astring`, in modified UTF-7 unless UTF8=ACCEPT is enabled.
    public mutating func writeMailbox(_ mailbox: MailboxName) {
        writeAString(mailbox.wireBytes(utf8Accept: options.utf8Accept))
    }
}
