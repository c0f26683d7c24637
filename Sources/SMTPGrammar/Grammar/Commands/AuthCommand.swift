/// `AUTH mechanism [initial-response]` (RFC 4954 §4).
///
/// ```
/// auth-command     = "AUTH" SP sasl-mech [SP initial-response]
/// sasl-mech        = 1*20(UPPER-ALPHA / DIGIT / "-" / "_")   ; RFC 4422 §3.1
/// initial-response = base64 / "="
/// ```
/// The grammar checks the base64 alphabet and padding; decoding is the SASL layer's job.
public struct AuthCommand: Hashable, Sendable, CustomStringConvertible {
    /// The initial response, when the client sent one.
    public enum InitialResponse: Hashable, Sendable {
        /// `=`: an empty initial response.
        case empty
        /// Base64 text, not yet decoded.
        case base64(String)
    }

    /// The mechanism name, upper case.
    public var mechanism: String
    /// The initial response, if any.
    public var initialResponse: InitialResponse?

    /// Makes an AUTH command.
    public init(mechanism: String, initialResponse: InitialResponse? = nil) {
        self.mechanism = mechanism.uppercased()
        self.initialResponse = initialResponse
    }

    /// The command line without CRLF.
    public var description: String {
        switch self.initialResponse {
        case nil: "AUTH \(self.mechanism)"
        case .empty: "AUTH \(self.mechanism) ="
        case .base64(let text): "AUTH \(self.mechanism) \(text)"
        }
    }

    /// Whether `bytes` is base64 per RFC 4648 §4: groups of four from the alphabet, "=" only as padding.
    static func isBase64(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count % 4 == 0 else { return false }
        let padding = bytes.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else { return false }
        return bytes.dropLast(padding).allSatisfy {
            CommandScanner.isAlpha($0) || CommandScanner.isDigit($0) || $0 == UInt8(ascii: "+")
                || $0 == UInt8(ascii: "/")
        }
    }
}
