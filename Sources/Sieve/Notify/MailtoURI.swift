/// A `mailto:` URI as the enotify mailto method reads it (RFC 6068, RFC 5436 §2): recipients,
/// header fields and a body, percent-decoded.
public struct MailtoURI: Hashable, Sendable {
    /// Every recipient: the addresses before `?` and those of `to` and `cc` fields.
    public var recipients: [String]
    /// A header field the URI sets.
    public struct Header: Hashable, Sendable {
        /// Lower-cased.
        public var name: String
        public var value: String
    }

    /// The header fields the URI sets, without the ones RFC 5436 §2.2 ignores.
    public var headers: [Header]
    public var body: String?

    /// Header fields a notification takes from the URI only at its own risk, and so never
    /// (RFC 5436 §2.2); `to`, `cc`, `bcc` go into the recipients, `body` into the body.
    private static let ignoredHeaders: Set<String> = [
        "from", "sender", "reply-to", "auto-submitted", "received", "return-path", "message-id", "date",
        "mime-version", "content-type", "content-transfer-encoding", "bcc",
    ]

    /// Parses `text`; `nil` when it is no mailto URI with at least one valid recipient.
    public init?(_ text: String) {
        guard text.lowercased().hasPrefix("mailto:") else { return nil }
        let rest = text.dropFirst("mailto:".count)
        let question = rest.firstIndex(of: "?")
        let addressPart = question.map { rest[..<$0] } ?? rest
        var recipients: [String] = []
        for address in addressPart.split(separator: ",") {
            guard let decoded = Self.percentDecode(address) else { return nil }
            recipients.append(decoded)
        }
        var headers: [Header] = []
        var body: String?
        if let question {
            for field in rest[rest.index(after: question)...].split(separator: "&") {
                guard let equals = field.firstIndex(of: "="), let name = Self.percentDecode(field[..<equals]),
                      let value = Self.percentDecode(field[field.index(after: equals)...]) else { return nil }
                switch name.lowercased() {
                case "to", "cc":
                    recipients += value.split(separator: ",").map { String($0).trimmingSpaces }
                case "body":
                    body = value
                case let other where !Self.ignoredHeaders.contains(other):
                    headers.append(Header(name: other, value: value))
                default:
                    break
                }
            }
        }
        guard !recipients.isEmpty, recipients.allSatisfy(Self.isAddress) else { return nil }
        self.recipients = recipients
        self.headers = headers
        self.body = body
    }

    /// local@domain with something on both sides and no spaces.
    static func isAddress(_ address: String) -> Bool {
        guard let at = address.lastIndex(of: "@") else { return false }
        return at != address.startIndex && address.index(after: at) != address.endIndex
            && !address.contains(" ") && !address.contains("<") && !address.contains(">")
    }

    /// `%XX` sequences decoded as UTF-8; `nil` for a malformed sequence.
    static func percentDecode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` with everything but RFC 3986 unreserved characters percent-encoded (`:encodeurl`).
    static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "-._~".unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
