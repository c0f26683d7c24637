import SMTPGrammar

/// One mail transaction of an LMTP session: from MAIL to the replies after the message.
struct LMTPTransaction {
    /// MAIL FROM and its parameters (SIZE, BODY, SMTPUTF8, RET, ENVID kept as given).
    var mail: MailCommand
    /// Recipients that got a 250, in RCPT order: after the message each gets one reply, in this order.
    var recipients: [DeliveryRecipient] = []
    /// The BDAT chunks received so far.
    var chunks: [UInt8] = []
    /// Whether BDAT was used: DATA may not follow (RFC 3030 §3).
    var usesChunking = false

    init(mail: MailCommand) {
        self.mail = mail
    }

    /// The envelope sender without angle brackets; empty for `<>`.
    var sender: String {
        switch mail.reversePath {
        case .null: ""
        case .mailbox(let mailbox): mailbox.description
        }
    }
}
