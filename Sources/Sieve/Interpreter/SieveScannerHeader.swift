import MailMessage

/// How a content scanner's header becomes the value of `spamtest` or `virustest` (RFC 5235 §3
/// leaves the method to the implementation): which header, optionally a regular expression whose
/// first group holds the status, and how to read the status.
public struct SieveScannerHeader: Sendable {
    /// How the status reads.
    public enum Kind: Sendable {
        /// A number from 0 to `maximum` (SpamAssassin's `X-Spam-Score: 5.3`).
        case score(maximum: Double)
        /// A run of characters whose length is the score, up to `maximum` (`X-Spam-Level: *****`).
        case length(maximum: Int)
        /// Texts standing for each value: `texts[n]` is the status of value n.
        case text([Int: String])
    }

    /// The header field to read.
    public var field: String
    /// A POSIX extended regular expression; its first group (or whole match) is the status.
    public var pattern: String?
    public var kind: Kind

    public init(field: String, pattern: String? = nil, kind: Kind) {
        self.field = field
        self.pattern = pattern
        self.kind = kind
    }

    /// Reads `"Name: regex"` as Pigeonhole's `*_status_header` settings write it.
    public init(setting: String, kind: Kind) {
        if let colon = setting.firstIndex(of: ":") {
            field = String(setting[..<colon]).trimmingSpaces
            let pattern = String(setting[setting.index(after: colon)...]).trimmingSpaces
            self.pattern = pattern.isEmpty ? nil : pattern
        } else {
            field = setting.trimmingSpaces
            pattern = nil
        }
        self.kind = kind
    }

    /// The value on a scale of 1 to `top` (10 for spamtest, 5 for virustest) and the percentage
    /// (for `spamtest :percent`); `nil` when the message carries no readable status: not tested.
    public func value(in message: MIMEMessage, top: Int) -> (value: Int, percent: Int?)? {
        guard var status = message.decodedHeader(field)?.trimmingSpaces else { return nil }
        if let pattern {
            guard let regex = SieveRegex(pattern, caseInsensitive: true), let groups = regex.match(status) else { return nil }
            status = groups.count > 1 ? groups[1] : groups[0]
        }
        let ratio: Double
        switch kind {
        case .score(let maximum):
            guard let score = Double(status.trimmingSpaces), maximum > 0 else { return nil }
            ratio = min(max(score / maximum, 0), 1)
        case .length(let maximum):
            guard maximum > 0 else { return nil }
            ratio = min(Double(status.count) / Double(maximum), 1)
        case .text(let texts):
            guard let match = texts.first(where: { $0.value.lowercased() == status.lowercased() }) else { return nil }
            return (min(max(match.key, 0), top), nil)
        }
        return (1 + Int((ratio * Double(top - 1)).rounded()), Int((ratio * 100).rounded()))
    }
}
