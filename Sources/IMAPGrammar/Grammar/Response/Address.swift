import struct NIOCore.ByteBuffer

/// `address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"` (RFC 9051 §9).
/// Group syntax uses `host == nil` (RFC 9051 §7.5.2).
public struct Address: Hashable, Sendable {
    public var name: String?
    public var adl: String?
    public var mailbox: String?
    public var host: String?

    public init(name: String? = nil, adl: String? = nil, mailbox: String?, host: String?) {
        self.name = name
        self.adl = adl
        self.mailbox = mailbox
        self.host = host
    }
}
