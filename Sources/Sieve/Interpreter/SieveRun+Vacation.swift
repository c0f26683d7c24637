import MailMessage

/// The vacation action (RFC 5230, RFC 6131).
extension SieveRun {
    /// The reply `vacation` asks for, or `nil` when RFC 5230 §4.5–4.6 say not to answer: no
    /// sender, an automatic or list sender, an automatic or list message, or a message not sent
    /// to one of the user's addresses.
    func vacationResponse(_ arguments: Arguments) -> VacationResponse? {
        let message = environment.message
        let sender = environment.envelopeFrom
        guard !sender.isEmpty else { return nil }
        let local = sender.split(separator: "@").first.map { $0.lowercased() } ?? ""
        guard !["mailer-daemon", "listserv", "majordomo"].contains(local), !local.hasPrefix("owner-"),
              !local.hasSuffix("-request") else { return nil }
        if let autoSubmitted = message.decodedHeader("Auto-Submitted"),
           autoSubmitted.trimmingSpaces.lowercased() != "no" { return nil }
        let listHeaders = ["List-Id", "List-Help", "List-Subscribe", "List-Unsubscribe", "List-Post", "List-Owner",
                           "List-Archive"]
        guard listHeaders.allSatisfy({ message.fields(named: $0).isEmpty }) else { return nil }
        if let precedence = message.decodedHeader("Precedence")?.trimmingSpaces.lowercased(),
           ["bulk", "list", "junk"].contains(precedence) { return nil }
        let mine = Set(([environment.envelopeTo] + (arguments.stringList("addresses") ?? [])).map { $0.lowercased() })
        let recipients = ["To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"].flatMap { name in
            message.fields(named: name).flatMap { field in
                MailAddress.parseList(message.rawValue(of: field)).compactMap { $0.address?.lowercased() }
            }
        }
        guard recipients.contains(where: mine.contains) else { return nil }
        let reason = arguments.positional[0].first ?? ""
        let subject = arguments.stringList("subject")?.first
            ?? message.decodedHeader("Subject").map { "Auto: " + $0.trimmingSpaces } ?? "Automated reply"
        let from = arguments.stringList("from")?.first
        let interval: Int
        if let seconds = arguments.numberTag("seconds") {
            interval = Int(min(seconds, 90 * 86_400))
        } else {
            interval = Int(min(max(arguments.numberTag("days") ?? 7, 1), 90)) * 86_400
        }
        let handle = arguments.stringList("handle")?.first
            ?? [reason, subject, from ?? "", arguments.has("mime") ? "mime" : ""].joined(separator: "\u{0}")
        return VacationResponse(
            recipient: sender, subject: subject, from: from, reason: reason, isMIME: arguments.has("mime"),
            handle: handle, interval: interval,
            inReplyTo: message.decodedHeader("Message-ID")?.trimmingSpaces
        )
    }
}
