/// One node of a message's MIME tree: offsets of its header and body in the message's bytes.
///
/// The top-level message is a part too (its header is the message header). A multipart part's
/// ``children`` are its body parts; a message/rfc822 part has exactly one child, the encapsulated
/// message. Serving a section is slicing these ranges; nothing is parsed again.
public struct MIMEPart: Sendable, Hashable {
    /// The header, including the empty line that ends it (empty if the part has no header).
    public var headerRange: Range<Int>
    /// The body. For a part inside a multipart, the line end before the next boundary is not part of it.
    public var bodyRange: Range<Int>
    /// The header fields in message order.
    public var fields: [HeaderField]
    /// The parsed Content-Type (the first one; a default when absent).
    public var contentType: ContentType
    /// What the body holds.
    public var kind: MIMEPartKind
    /// Body parts of a multipart, or the encapsulated message of a message/rfc822 part.
    public var children: [MIMEPart]
    /// Whether the Content-* fields of this header apply. A message header (the top-level message
    /// or an encapsulated one) without MIME-Version and without Content-Type is not MIME: its
    /// Content-Transfer-Encoding, Content-ID … are ignored, as Dovecot does. Body parts of a multipart
    /// always use them.
    public var usesContentFields: Bool

    /// The whole part: header and body.
    public var range: Range<Int> { headerRange.lowerBound..<bodyRange.upperBound }

    /// Creates a part from its pieces.
    public init(
        headerRange: Range<Int>,
        bodyRange: Range<Int>,
        fields: [HeaderField],
        contentType: ContentType,
        kind: MIMEPartKind,
        children: [MIMEPart],
        usesContentFields: Bool = true
    ) {
        self.headerRange = headerRange
        self.bodyRange = bodyRange
        self.fields = fields
        self.contentType = contentType
        self.kind = kind
        self.children = children
        self.usesContentFields = usesContentFields
    }
}
