/// How a scheme's binary hash is written: Dovecot's `.HEX` / `.B64` suffixes.
public enum PasswordEncoding: String, Sendable, Hashable {
    /// The scheme's own text form (crypt strings, SCRAM's comma list, plaintext).
    case none = ""
    /// Lower-case hex (`.HEX`).
    case hex = "HEX"
    /// Standard base64 (`.B64`, `.BASE64`).
    case base64 = "B64"

    /// Parses an encoding suffix without its dot.
    init?(suffix: String) {
        switch suffix.uppercased() {
        case "HEX": self = .hex
        case "B64", "BASE64": self = .base64
        default: return nil
        }
    }

    func encode(_ bytes: [UInt8]) -> String {
        switch self {
        case .hex: ByteEncoding.hex(bytes)
        case .base64: ByteEncoding.base64(bytes)
        case .none: String(decoding: bytes, as: UTF8.self)
        }
    }

    func decode(_ text: String) -> [UInt8]? {
        switch self {
        case .hex: ByteEncoding.fromHex(text)
        case .base64: ByteEncoding.fromBase64(text)
        case .none: Array(text.utf8)
        }
    }
}
