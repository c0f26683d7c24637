/// Bounds the structure parser applies to every message, so that hostile input costs linear time and memory.
///
/// The defaults are Dovecot's (`message_parser_settings`): MIME nesting deeper than
/// ``maximumNestingDepth`` or parts beyond ``maximumPartCount`` are not split further; their bytes stay
/// in the enclosing part's body. RFC 2046 §5.1.1 limits a boundary to 70 characters; longer boundary
/// parameters are truncated to ``maximumBoundaryLength``, as Dovecot does.
public struct MailMessageLimits: Sendable, Hashable {
    /// How many multipart or message/rfc822 levels are parsed below the top-level message.
    public var maximumNestingDepth: Int
    /// How many MIME parts one message may have in total (the top-level message counts as one).
    public var maximumPartCount: Int
    /// Boundary parameters are truncated to this many bytes.
    public var maximumBoundaryLength: Int

    /// Creates limits.
    /// - Parameters:
    ///   - maximumNestingDepth: Maximum MIME nesting depth.
    ///   - maximumPartCount: Maximum number of MIME parts.
    ///   - maximumBoundaryLength: Maximum boundary length in bytes.
    public init(maximumNestingDepth: Int = 100, maximumPartCount: Int = 10_000, maximumBoundaryLength: Int = 70) {
        self.maximumNestingDepth = maximumNestingDepth
        self.maximumPartCount = maximumPartCount
        self.maximumBoundaryLength = maximumBoundaryLength
    }

    /// Dovecot-compatible defaults.
    public static let `default` = MailMessageLimits()
}
