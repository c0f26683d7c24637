import SMTPGrammar

/// The fixed replies of an LMTP session, in one place (RFC 5321 §4.2.2 codes, RFC 3463 enhanced
/// status codes).
enum LMTPReplies {
    static func greeting(_ hostname: String) -> SMTPReply {
        SMTPReply(code: 220, text: "\(hostname) LMTP Columba ready")
    }

    static let ok = SMTPReply(code: 250, enhancedStatus: .init(2, 0, 0), text: "Ok")
    static let senderOK = SMTPReply(code: 250, enhancedStatus: .init(2, 1, 0), text: "Sender ok")
    static let recipientOK = SMTPReply(code: 250, enhancedStatus: .init(2, 1, 5), text: "Recipient ok")
    static let startData = SMTPReply(code: 354, text: "Start mail input; end with <CRLF>.<CRLF>")
    static let bye = SMTPReply(code: 221, enhancedStatus: .init(2, 0, 0), text: "Bye")
    static let cannotVerify = SMTPReply(
        code: 252, enhancedStatus: .init(2, 5, 0), text: "Cannot VRFY user, but will accept message and attempt delivery"
    )
    static let help = SMTPReply(
        code: 214, enhancedStatus: .init(2, 0, 0), text: "Commands: LHLO MAIL RCPT DATA BDAT RSET NOOP VRFY QUIT"
    )
    static let shuttingDown = SMTPReply(code: 421, enhancedStatus: .init(4, 3, 2), text: "Server shutting down")
    static let tooManyErrors = SMTPReply(code: 421, enhancedStatus: .init(4, 7, 0), text: "Too many errors, closing connection")

    static let lhloFirst = SMTPReply(code: 503, enhancedStatus: .init(5, 5, 1), text: "Send LHLO first")
    static let useLHLO = SMTPReply(code: 500, enhancedStatus: .init(5, 5, 1), text: "This is LMTP: use LHLO")
    static let nestedMail = SMTPReply(code: 503, enhancedStatus: .init(5, 5, 1), text: "MAIL already given")
    static let mailFirst = SMTPReply(code: 503, enhancedStatus: .init(5, 5, 1), text: "Send MAIL first")
    static let noRecipients = SMTPReply(code: 503, enhancedStatus: .init(5, 5, 1), text: "No valid recipients")
    static let dataAfterBDAT = SMTPReply(code: 503, enhancedStatus: .init(5, 5, 1), text: "DATA cannot follow BDAT")
    static let notOffered = SMTPReply(code: 502, enhancedStatus: .init(5, 5, 1), text: "Command not implemented")
    static let binaryMIME = SMTPReply(code: 555, enhancedStatus: .init(5, 5, 4), text: "BODY=BINARYMIME is not supported")
    static let tooManyRecipients = SMTPReply(code: 452, enhancedStatus: .init(4, 5, 3), text: "Too many recipients")
    static let messageTooBig = SMTPReply(
        code: 552, enhancedStatus: .init(5, 3, 4), text: "Message size exceeds fixed maximum message size"
    )
    static let temporaryFailure = SMTPReply(
        code: 451, enhancedStatus: .init(4, 3, 0), text: "Temporary failure, try again later"
    )

    static func unknownUser(_ address: String) -> SMTPReply {
        SMTPReply(code: 550, enhancedStatus: .init(5, 1, 1), text: "<\(address)>: user unknown")
    }

    static func userLookupFailed(_ address: String) -> SMTPReply {
        SMTPReply(code: 451, enhancedStatus: .init(4, 3, 0), text: "<\(address)>: temporary user lookup failure")
    }

    static func chunkReceived(_ octets: Int) -> SMTPReply {
        SMTPReply(code: 250, enhancedStatus: .init(2, 0, 0), text: "\(octets) octets received")
    }

    /// The LHLO reply (RFC 2033 §4.1 with the extensions served).
    static func capabilities(hostname: String, maximumMessageSize: Int) -> SMTPReply {
        let lines = [
            hostname, "PIPELINING", "ENHANCEDSTATUSCODES", "8BITMIME", "CHUNKING", "SIZE \(maximumMessageSize)",
            "SMTPUTF8", "DSN",
        ]
        return SMTPReply(code: 250, lines: lines)
    }
}
