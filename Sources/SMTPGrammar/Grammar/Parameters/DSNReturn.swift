/// The MAIL parameter `RET=` (RFC 3461 §4.3): what a delivery status notification returns.
public enum DSNReturn: String, Hashable, Sendable, CaseIterable {
    /// The whole message.
    case full = "FULL"
    /// Only the headers.
    case headers = "HDRS"
}
