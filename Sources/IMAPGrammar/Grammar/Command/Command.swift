import struct NIOCore.ByteBuffer

/// A client command (RFC 9051 §6 and the extensions Columba serves), without its tag.
public enum Command: Hashable, Sendable {
    // MARK: Any state (RFC 9051 §6.1)
    case capability
    case noop
    case logout
    /// `ID (...)` or `ID NIL` (RFC 2971); nil for NIL.
    case id([IDField]?)

    // MARK: Not authenticated (RFC 9051 §6.2)
    case startTLS
    /// `AUTHENTICATE mechanism [initial-response]` (RFC 4959 SASL-IR). The mechanism is upper-cased;
    /// the initial response is decoded from base64 (`=` is the empty response).
    case authenticate(mechanism: String, initialResponse: [UInt8]?)
    case login(username: String, password: String)

    // MARK: Authenticated (RFC 9051 §6.3)
    case enable([String])
    case select(MailboxName, [SelectParameter])
    case examine(MailboxName, [SelectParameter])
    /// `CREATE mailbox [(USE (\Drafts ...))]` (RFC 6154 §3); the special-use attributes.
    case create(MailboxName, specialUse: [String])
    case delete(MailboxName)
    case rename(from: MailboxName, to: MailboxName)
    case subscribe(MailboxName)
    case unsubscribe(MailboxName)
    case list(ListCommand)
    case lsub(reference: MailboxName, pattern: MailboxName)
    case namespace
    case status(MailboxName, [StatusAttribute])
    case append(MailboxName, [AppendMessage])
    case idle
    case getQuota(root: String)
    case getQuotaRoot(MailboxName)
    case setQuota(root: String, [QuotaLimit])
    /// `COMPRESS DEFLATE` (RFC 4978); the algorithm upper-cased.
    case compress(String)
    /// RFC 8437.
    case unauthenticate

    // MARK: Selected (RFC 9051 §6.4)
    case check
    case close
    case unselect
    case expunge
    case uidExpunge(SequenceSet)
    case search(SearchCommand)
    case uidSearch(SearchCommand)
    case fetch(FetchCommand)
    case uidFetch(FetchCommand)
    case store(StoreCommand)
    case uidStore(StoreCommand)
    case copy(SequenceSet, MailboxName)
    case uidCopy(SequenceSet, MailboxName)
    case move(SequenceSet, MailboxName)
    case uidMove(SequenceSet, MailboxName)
}
