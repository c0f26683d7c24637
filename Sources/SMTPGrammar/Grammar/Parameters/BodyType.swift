/// The MAIL parameter `BODY=` (RFC 6152 §2 for 7BIT and 8BITMIME, RFC 3030 §3 for BINARYMIME).
public enum BodyType: String, Hashable, Sendable, CaseIterable {
    case sevenBit = "7BIT"
    case eightBitMIME = "8BITMIME"
    /// Only with BDAT (RFC 3030 §3): DATA cannot carry binary.
    case binaryMIME = "BINARYMIME"
}
