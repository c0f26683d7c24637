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
