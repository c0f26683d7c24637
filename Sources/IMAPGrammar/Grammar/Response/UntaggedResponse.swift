import struct NIOCore.ByteBuffer

/// Untagged data and status responses (`response-data`, RFC 9051 §7).
public enum UntaggedResponse: Hashable, Sendable {
    case ok(ResponseCode?, String)
    case no(ResponseCode?, String)
    case bad(ResponseCode?, String)
    case preauth(ResponseCode?, String)
    case bye(ResponseCode?, String)
    case capability([String])
    case enabled([String])
    case flags([Flag])
    case exists(UInt32)
    case recent(UInt32)
    case expunge(UInt32)
    /// `VANISHED [(EARLIER)] known-uids` (RFC 7162 §3.2.10).
    case vanished(earlier: Bool, SequenceSet)
    case fetch(UInt32, [MessageAttribute])
    case list(ListResponse)
    case lsub(ListResponse)
    case status(MailboxName, [(StatusAttribute, UInt64)])
    /// `SEARCH *(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]` (RFC 3501, RFC 7162).
    case search([UInt32], modSeq: UInt64?)
    case esearch(ESearchResponse)
    case id([IDField]?)
    case namespace(personal: [NamespaceDescription], otherUsers: [NamespaceDescription], shared: [NamespaceDescription])
    case quota(root: String, [QuotaUsage])
    case quotaRoot(MailboxName, roots: [String])

    public static func == (lhs: UntaggedResponse, rhs: UntaggedResponse) -> Bool {
        var left = ResponseEncodeBuffer()
        var right = ResponseEncodeBuffer()
        left.writeUntaggedResponse(lhs)
        right.writeUntaggedResponse(rhs)
        return left.buffer == right.buffer
    }

    public func hash(into hasher: inout Hasher) {
        var encoded = ResponseEncodeBuffer()
        encoded.writeUntaggedResponse(self)
        hasher.combine(encoded.buffer)
    }
}
