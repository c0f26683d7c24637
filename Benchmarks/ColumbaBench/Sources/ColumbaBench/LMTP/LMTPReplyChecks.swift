import SMTPGrammar

/// Checks of LMTP replies against what the client asked (RFC 2033, RFC 5321 §4.2, RFC 2034).
/// Pure: they take parsed replies and throw a ``CheckFailure``.
public enum LMTPReplyChecks {
    /// The extensions the client relies on: it pipelines MAIL, RCPT and DATA (RFC 2920) and
    /// checks the enhanced status code of every reply (RFC 2034).
    public static let requiredExtensions = ["PIPELINING", "ENHANCEDSTATUSCODES"]

    /// The greeting must be a 220.
    public static func greeting(_ reply: SMTPReply) throws(CheckFailure) {
        guard reply.code == 220 else { throw CheckFailure("the greeting is \(describe(reply)), not 220") }
    }

    /// LHLO's reply: a 250 listing ``requiredExtensions``, and a SIZE (if any) that admits
    /// `largestMessage` octets.
    public static func lhlo(_ reply: SMTPReply, largestMessage: Int) throws(CheckFailure) -> SMTPCapabilities {
        guard let capabilities = SMTPCapabilities(reply: reply) else {
            throw CheckFailure("LHLO answered \(describe(reply)), not 250")
        }
        for keyword in requiredExtensions where !capabilities.supports(keyword) {
            throw CheckFailure("LHLO's reply does not list \(keyword)")
        }
        if let size = capabilities.maximumMessageSize, size < largestMessage {
            throw CheckFailure("the server's SIZE \(size) is below the largest message (\(largestMessage) octets)")
        }
        return capabilities
    }

    /// A reply that must have `code` and, as the server announced ENHANCEDSTATUSCODES, an enhanced
    /// status code of the same class (RFC 2034 §3).
    public static func expect(_ code: Int, _ reply: SMTPReply, to command: String) throws(CheckFailure) {
        guard reply.code == code else {
            throw CheckFailure("\(command) answered \(describe(reply)), expected \(code)")
        }
        if code != 354 {
            try enhancedStatus(reply, to: command)
        }
    }

    /// One reply after the data for an accepted recipient (RFC 2033 §4.2): 2xx with an enhanced
    /// status code.
    public static func delivered(_ reply: SMTPReply, recipient: String) throws(CheckFailure) {
        guard reply.isPositiveCompletion else {
            throw CheckFailure("delivery to <\(recipient)> answered \(describe(reply)), expected 2xx")
        }
        try enhancedStatus(reply, to: "delivery to <\(recipient)>")
    }

    /// QUIT's reply must be a 221.
    public static func quit(_ reply: SMTPReply) throws(CheckFailure) {
        guard reply.code == 221 else {
            throw CheckFailure("QUIT answered \(describe(reply)), expected 221 (a reply missing or too many earlier?)")
        }
    }

    private static func enhancedStatus(_ reply: SMTPReply, to command: String) throws(CheckFailure) {
        guard let status = reply.enhancedStatus, status.statusClass == reply.code / 100 else {
            throw CheckFailure("\(command) answered \(describe(reply)) without an enhanced status code of class \(reply.code / 100)")
        }
    }

    /// The reply as one line: code, enhanced status code, text.
    static func describe(_ reply: SMTPReply) -> String {
        "\(reply.code)" + (reply.enhancedStatus.map { " \($0)" } ?? "") + " " + reply.lines.joined(separator: " / ")
    }
}
