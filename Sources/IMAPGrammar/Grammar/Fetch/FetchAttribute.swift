import struct NIOCore.ByteBuffer

/// One item a FETCH asks for (`fetch-att`, RFC 9051 §6.4.5 and extensions).
///
/// The macros ALL, FAST and FULL are expanded by the parser (RFC 9051 §6.4.5).
public enum FetchAttribute: Hashable, Sendable {
    case envelope
    case flags
    case internalDate
    /// `RFC822` (same as `BODY[]`, sets \Seen).
    case rfc822
    case rfc822Header
    case rfc822Size
    case rfc822Text
    /// `BODY` (non-extensible BODYSTRUCTURE).
    case body
    case bodyStructure
    case uid
    /// `BODY[section]<partial>` or `BODY.PEEK[section]<partial>`.
    case bodySection(peek: Bool, section: SectionSpecifier, partial: Partial?)
    /// `BINARY[part]<partial>` / `BINARY.PEEK[part]<partial>` (RFC 3516).
    case binary(peek: Bool, part: [UInt32], partial: Partial?)
    /// `BINARY.SIZE[part]` (RFC 3516).
    case binarySize(part: [UInt32])
    /// `MODSEQ` (RFC 7162).
    case modSeq
    /// `SAVEDATE` (RFC 8514).
    case saveDate
    /// `EMAILID` (RFC 8474).
    case emailID
    /// `THREADID` (RFC 8474).
    case threadID
    /// `PREVIEW` / `PREVIEW (LAZY)` (RFC 8970).
    case preview(lazy: Bool)

    /// `ALL` = `(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)`.
    public static let allMacro: [FetchAttribute] = [.flags, .internalDate, .rfc822Size, .envelope]
    /// `FAST` = `(FLAGS INTERNALDATE RFC822.SIZE)`.
    public static let fastMacro: [FetchAttribute] = [.flags, .internalDate, .rfc822Size]
    /// `FULL` = `(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY)`.
    public static let fullMacro: [FetchAttribute] = [.flags, .internalDate, .rfc822Size, .envelope, .body]
}
