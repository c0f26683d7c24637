/// One entry of an address list in IMAP ENVELOPE form (RFC 3501 §7.4.2): a mailbox, or a group
/// start (``mailbox`` holds the group name, ``domain`` is `nil`), or a group end (all `nil`).
///
/// Values are raw header bytes after RFC 5322 lexing (quotes and comments removed, encoded words
/// left as written); ``displayName`` decodes RFC 2047. Dovecot's repairs are kept: a missing local
/// part is `MISSING_MAILBOX`, a missing domain `MISSING_DOMAIN`.
public struct MailAddress: Sendable, Hashable {
    /// The display name (`phrase`), or the comment after a bare addr-spec.
    public var name: [UInt8]?
    /// The obsolete source route (`@a,@b`), without the final colon.
    public var route: [UInt8]?
    /// The local part, or the group name for a group start.
    public var mailbox: [UInt8]?
    /// The domain.
    public var domain: [UInt8]?

    /// Creates an address entry.
    public init(name: [UInt8]? = nil, route: [UInt8]? = nil, mailbox: [UInt8]? = nil, domain: [UInt8]? = nil) {
        self.name = name
        self.route = route
        self.mailbox = mailbox
        self.domain = domain
    }

    /// Whether this entry starts a group.
    public var isGroupStart: Bool { mailbox != nil && domain == nil }
    /// Whether this entry ends a group.
    public var isGroupEnd: Bool { name == nil && route == nil && mailbox == nil && domain == nil }

    /// The display name with RFC 2047 encoded words decoded.
    public var displayName: String? { name.map { EncodedWords.decode($0) } }

    /// `local@domain`, or `nil` for group markers.
    public var address: String? {
        guard let mailbox, let domain else { return nil }
        return String(decoding: mailbox, as: UTF8.self) + "@" + String(decoding: domain, as: UTF8.self)
    }

    /// Parses an address-list header value (From, To, Cc …), as Dovecot's `message_address_parse`:
    /// groups, obsolete routes and whitespace, and what can be salvaged of broken lists (parsing
    /// stops at the first entry that cannot be recovered).
    /// - Parameter value: The raw field value.
    /// - Returns: The entries in order, group markers included.
    public static func parseList(_ value: [UInt8]) -> [MailAddress] {
        var parser = AddressListParser(value)
        return parser.parse()
    }
}
