import struct NIOCore.ByteBuffer

/// One search criterion (RFC 9051 §6.4.4), including CONDSTORE (RFC 7162), WITHIN (RFC 5032),
/// SAVEDATE (RFC 8514), OBJECTID (RFC 8474) and SEARCHRES `$` (RFC 5182).
public indirect enum SearchKey: Hashable, Sendable {
    case all
    case answered
    case deleted
    case draft
    case flagged
    case new
    case old
    case recent
    case seen
    case unanswered
    case undeleted
    case undraft
    case unflagged
    case unseen
    case keyword(String)
    case unkeyword(String)
    case bcc(String)
    case body(String)
    case cc(String)
    case from(String)
    case subject(String)
    case text(String)
    case to(String)
    case header(String, String)
    case before(IMAPDate)
    case on(IMAPDate)
    case since(IMAPDate)
    case sentBefore(IMAPDate)
    case sentOn(IMAPDate)
    case sentSince(IMAPDate)
    case savedBefore(IMAPDate)
    case savedOn(IMAPDate)
    case savedSince(IMAPDate)
    case saveDateSupported
    case larger(UInt64)
    case smaller(UInt64)
    /// `OLDER n`: internal date more than n seconds ago (RFC 5032).
    case older(UInt32)
    /// `YOUNGER n`: internal date at most n seconds ago (RFC 5032).
    case younger(UInt32)
    case uid(SequenceSet)
    case sequenceNumbers(SequenceSet)
    /// `MODSEQ [entry-name entry-type] modseq` (RFC 7162 §3.1.5).
    case modSeq(ModSeqEntry?, UInt64)
    case emailID(String)
    case threadID(String)
    /// `FUZZY key` (RFC 6203).
    case fuzzy(SearchKey)
    case not(SearchKey)
    case or(SearchKey, SearchKey)
    /// A parenthesised list, or the top-level list of keys: all must match.
    case and([SearchKey])
}
