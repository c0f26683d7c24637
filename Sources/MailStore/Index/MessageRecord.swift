/// What the index keeps about one message.
public struct MessageRecord: Hashable, Sendable {
    public var uid: UInt32
    public var guid: GUID128
    public var flags: FlagSet
    /// The modseq of the message's last change.
    public var modseq: UInt64
    /// INTERNALDATE, seconds since 1970.
    public var internalDate: Int64
    /// When the message was saved into this mailbox (RFC 8514 SAVEDATE), seconds since 1970.
    public var saveDate: Int64
    /// The size of the stored message in bytes.
    public var physicalSize: Int64
    /// The size with CRLF line ends (RFC822.SIZE).
    public var virtualSize: Int64
    /// Where the body lives in storage (a dbox file and offset, written by the storage layer).
    public var bodyLocation: String
    /// The IMAP ENVELOPE, cached at save time (`nil` for messages saved before the cache existed).
    public var envelope: [UInt8]?
    /// The IMAP BODYSTRUCTURE without outer parentheses, cached at save time.
    public var bodyStructure: [UInt8]?
}

/// A message about to be added to a mailbox.
public struct NewMessage: Sendable {
    /// The UID it gets: at least the mailbox's UIDNEXT; the messages of one append ascend.
    public var uid: UInt32
    public var guid: GUID128
    public var flags: FlagSet
    public var internalDate: Int64
    public var physicalSize: Int64
    public var virtualSize: Int64
    public var bodyLocation: String
    public var envelope: [UInt8]?
    public var bodyStructure: [UInt8]?
    /// Kept from elsewhere by a rebuild or an import; the time of the append when `nil`.
    public var saveDate: Int64?
    /// The header block for the index's header cache; not cached when `nil`.
    public var header: [UInt8]?

    public init(
        uid: UInt32,
        guid: GUID128 = .random(),
        flags: FlagSet = FlagSet(),
        internalDate: Int64,
        physicalSize: Int64,
        virtualSize: Int64,
        bodyLocation: String,
        envelope: [UInt8]? = nil,
        bodyStructure: [UInt8]? = nil,
        saveDate: Int64? = nil,
        header: [UInt8]? = nil
    ) {
        self.uid = uid
        self.guid = guid
        self.flags = flags
        self.internalDate = internalDate
        self.physicalSize = physicalSize
        self.virtualSize = virtualSize
        self.bodyLocation = bodyLocation
        self.envelope = envelope
        self.bodyStructure = bodyStructure
        self.saveDate = saveDate
        self.header = header
    }
}

/// The outcome of a flag change with UNCHANGEDSINCE (RFC 7162 §3.1.3).
public struct FlagUpdateResult: Hashable, Sendable {
    /// Messages whose flags changed, with their new modseq.
    public var updated: [MessageRecord]
    /// UIDs left alone because they changed after the UNCHANGEDSINCE modseq (the MODIFIED set).
    public var modified: [UInt32]
}
