/// A client's answer to an AUTHENTICATE challenge (RFC 5804 §2.1).
public enum SASLResponse: Sendable, Hashable {
    /// The base64 text of the answer, not yet decoded.
    case data(String)
    /// The string `"*"`: the client abandons the exchange.
    case cancel
}
