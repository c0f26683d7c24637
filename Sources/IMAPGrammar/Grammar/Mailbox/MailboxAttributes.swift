import struct NIOCore.ByteBuffer

/// `status-att` (RFC 9051 §6.3.11, RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE, RFC 7889 APPENDLIMIT,
/// RFC 8474 MAILBOXID).
public enum StatusAttribute: String, Hashable, Sendable, CaseIterable {
    case messages = "MESSAGES"
    case recent = "RECENT"
    case uidNext = "UIDNEXT"
    case uidValidity = "UIDVALIDITY"
    case unseen = "UNSEEN"
    case deleted = "DELETED"
    case size = "SIZE"
    case highestModSeq = "HIGHESTMODSEQ"
    case appendLimit = "APPENDLIMIT"
    case mailboxID = "MAILBOXID"
}

/// `list-select-option` (RFC 5258 §6, RFC 6154 SPECIAL-USE).
public enum ListSelectOption: Hashable, Sendable {
    case subscribed
    case remote
    case recursiveMatch
    case specialUse
    case other(String)
}

/// `return-option` (RFC 5258 §6, RFC 5819 LIST-STATUS, RFC 6154).
public enum ListReturnOption: Hashable, Sendable {
    case subscribed
    case children
    case specialUse
    case status([StatusAttribute])
    case other(String)
}

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

/// `select-param` (RFC 7162 §3.1.8, §3.2.5).
public enum SelectParameter: Hashable, Sendable {
    case condstore
    case qresync(QResyncParameter)
    case other(String)
}

/// `"QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"`.
public struct QResyncParameter: Hashable, Sendable {
    public var uidValidity: UInt32
    public var modSeq: UInt64
    public var knownUIDs: SequenceSet?
    /// `seq-match-data = "(" known-sequence-set SP known-uid-set ")"`.
    public var sequenceMatch: SequenceMatch?

    public struct SequenceMatch: Hashable, Sendable {
        public var sequenceNumbers: SequenceSet
        public var uids: SequenceSet

        public init(sequenceNumbers: SequenceSet, uids: SequenceSet) {
            self.sequenceNumbers = sequenceNumbers
            self.uids = uids
        }
    }

    public init(uidValidity: UInt32, modSeq: UInt64, knownUIDs: SequenceSet? = nil, sequenceMatch: SequenceMatch? = nil) {
        self.uidValidity = uidValidity
        self.modSeq = modSeq
        self.knownUIDs = knownUIDs
        self.sequenceMatch = sequenceMatch
    }
}

/// One message of APPEND (several with MULTIAPPEND, RFC 3502).
public struct AppendMessage: Hashable, Sendable {
    public var flags: [Flag]
    public var internalDate: IMAPDateTime?
    /// The message octets (a slice of the command's bytes; no copy).
    public var data: ByteBuffer
    /// Sent as `literal8` (`~{n}`, RFC 3516).
    public var binary: Bool

    public init(flags: [Flag] = [], internalDate: IMAPDateTime? = nil, data: ByteBuffer, binary: Bool = false) {
        self.flags = flags
        self.internalDate = internalDate
        self.data = data
        self.binary = binary
    }
}
