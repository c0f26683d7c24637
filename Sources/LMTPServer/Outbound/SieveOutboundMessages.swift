import Foundation
import MailMessage
import Sieve

/// The messages Sieve actions send: vacation replies (RFC 5230 §5) and redirects (RFC 5228 §4.2).
enum SieveOutboundMessages {
    /// The reply for `response`, sent from the user at `userAddress`. The envelope sender is `<>`
    /// (RFC 5230 §5.1) so that the reply can never start a loop of automatic replies.
    static func vacation(
        _ response: VacationResponse, userAddress: String, original: MIMEMessage, hostname: String, date: Date
    ) -> OutboundMessage {
        var header = ""
        header += "From: \(sanitized(response.from ?? "<\(userAddress)>"))\r\n"
        header += "To: <\(sanitized(response.recipient))>\r\n"
        header += "Subject: \(encodedWord(sanitized(response.subject)))\r\n"
        header += "Date: \(ReceivedHeader.rfc5322Date(date))\r\n"
        header += "Message-ID: <\(UUID().uuidString.lowercased())@\(hostname)>\r\n"
        if let inReplyTo = response.inReplyTo.map(sanitized), !inReplyTo.isEmpty {
            header += "In-Reply-To: \(inReplyTo)\r\n"
            let earlier = original.decodedHeader("References").map { sanitized($0) + " " } ?? ""
            header += "References: \(earlier)\(inReplyTo)\r\n"
        }
        header += "Auto-Submitted: auto-replied (vacation)\r\n"
        header += "Precedence: bulk\r\n"
        header += "MIME-Version: 1.0\r\n"
        let body: String
        if response.isMIME {
            body = crlf(response.reason)
        } else {
            header += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
            body = "\r\n" + crlf(response.reason)
        }
        return OutboundMessage(sender: "", recipients: [response.recipient], content: Array((header + body).utf8))
    }

    /// The message an enotify `mailto:` notification sends (RFC 5436): to the URI's recipients,
    /// from the script's `:from` or the user, with the URI's subject (else the `:message`, else
    /// the original's sender and subject), `Auto-Submitted: auto-notified`, from the null sender
    /// so it can never cause a loop. `nil` for a method other than mailto.
    static func notification(
        _ notification: SieveNotification, userAddress: String, original: MIMEMessage, hostname: String, date: Date
    ) -> OutboundMessage? {
        guard let uri = MailtoURI(notification.method), !uri.recipients.isEmpty else { return nil }
        let summary = notification.message
            ?? "\(original.decodedHeader("From") ?? "unknown sender"): \(original.decodedHeader("Subject") ?? "(no subject)")"
        let subject = uri.headers.first { $0.name == "subject" }?.value ?? summary
        var header = ""
        header += "From: \(sanitized(notification.from ?? "<\(userAddress)>"))\r\n"
        header += "To: \(uri.recipients.map { "<\(sanitized($0))>" }.joined(separator: ", "))\r\n"
        header += "Subject: \(encodedWord(sanitized(subject)))\r\n"
        header += "Date: \(ReceivedHeader.rfc5322Date(date))\r\n"
        header += "Message-ID: <\(UUID().uuidString.lowercased())@\(hostname)>\r\n"
        for field in uri.headers where field.name != "subject" && field.name != "to" && field.name != "cc" {
            header += "\(sanitized(field.name)): \(sanitized(field.value))\r\n"
        }
        let importance = ["1": "high", "3": "low"][String(notification.importance)]
        if let importance { header += "Importance: \(importance)\r\n" }
        header += "Auto-Submitted: auto-notified\r\n"
        header += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
        let body = "\r\n" + crlf(uri.body ?? summary)
        return OutboundMessage(sender: "", recipients: uri.recipients, content: Array((header + body).utf8))
    }

    /// The message redirected to `address`, with `X-Sieve-Redirected-From` naming the user in front;
    /// the envelope sender stays the original one (RFC 5228 §4.2). `nil` when the message already
    /// passed through this user's redirect (a loop).
    static func redirect(_ message: IncomingMessage, content: [UInt8], to address: String, userAddress: String) -> OutboundMessage? {
        let earlier = message.parsed.decodedHeaders("X-Sieve-Redirected-From").map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard !earlier.contains(userAddress.lowercased()) else { return nil }
        let field = Array("X-Sieve-Redirected-From: \(sanitized(userAddress))\r\n".utf8)
        return OutboundMessage(sender: message.sender, recipients: [address], content: field + content)
    }

    /// Text with CR and LF replaced, so a value cannot add header fields.
    private static func sanitized(_ text: String) -> String {
        String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    /// Text with every line ending made CRLF, ending in one.
    private static func crlf(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        var joined = lines.joined(separator: "\r\n")
        if !joined.hasSuffix("\r\n") { joined += "\r\n" }
        return joined
    }

    /// ASCII text as is; other text as one RFC 2047 encoded word in UTF-8 base64.
    private static func encodedWord(_ text: String) -> String {
        guard !text.allSatisfy(\.isASCII) else { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }
}
