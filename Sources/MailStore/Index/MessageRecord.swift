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
}

/// A message about to be added to a mailbox.
public struct NewMessage: Sendable {
    public var guid: GUID128
    public var flags: FlagSet
    public var internalDate: Int64
    public var physicalSize: Int64
    public var virtualSize: Int64
    public var bodyLocation: String

    public init(
        guid: GUID128 = .random(),
        flags: FlagSet = FlagSet(),
        internalDate: Int64,
        physicalSize: Int64,
        virtualSize: Int64,
        bodyLocation: String
    ) {
        self.guid = guid
        self.flags = flags
        self.internalDate = internalDate
        self.physicalSize = physicalSize
        self.virtualSize = virtualSize
        self.bodyLocation = bodyLocation
    }
}

/// The outcome of a flag change with UNCHANGEDSINCE (RFC 7162 §3.1.3).
public struct FlagUpdateResult: Hashable, Sendable {
    /// Messages whose flags changed, with their new modseq.
    public var updated: [MessageRecord]
    /// UIDs left alone because they changed after the UNCHANGEDSINCE modseq (the MODIFIED set).
    public var modified: [UInt32]
}
