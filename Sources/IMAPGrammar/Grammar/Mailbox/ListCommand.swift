import struct NIOCore.ByteBuffer

/// The argument of LIST.
public struct ListCommand: Hashable, Sendable {
    public var selectOptions: [ListSelectOption]
    public var reference: MailboxName
    /// One pattern, or several with LIST-EXTENDED's `(p1 p2)`.
    public var patterns: [MailboxName]
    /// nil: no `RETURN` given.
    public var returnOptions: [ListReturnOption]?

    public init(selectOptions: [ListSelectOption] = [], reference: MailboxName, patterns: [MailboxName], returnOptions: [ListReturnOption]? = nil) {
        self.selectOptions = selectOptions
        self.reference = reference
        self.patterns = patterns
        self.returnOptions = returnOptions
    }
}
