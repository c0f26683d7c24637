/// Who is being looked up and in which context; the values behind query variables.
public struct LookupRequest: Sendable, Hashable {
    /// The full username as given (`%u`).
    public var username: String
    /// The service name (`imap`, `lmtp`, `smtp`, …; `%s`).
    public var service: String
    /// The client's address (`%r`).
    public var remoteAddress: String?
    /// The local address the client connected to (`%l`).
    public var localAddress: String?

    /// Creates a request.
    public init(username: String, service: String = "", remoteAddress: String? = nil, localAddress: String? = nil) {
        self.username = username
        self.service = service
        self.remoteAddress = remoteAddress
        self.localAddress = localAddress
    }

    /// The local part of the username (`%n`).
    public var localPart: String {
        guard let at = username.lastIndex(of: "@") else { return username }
        return String(username[..<at])
    }

    /// The domain of the username (`%d`), empty when there is none.
    public var domain: String {
        guard let at = username.lastIndex(of: "@") else { return "" }
        return String(username[username.index(after: at)...])
    }
}
