import Foundation

/// Writes the `Received:` trace field (RFC 5321 §4.4) an LMTP delivery adds.
enum ReceivedHeader {
    /// `Received: from HELO (IP) by HOST (Columba) with LMTP id ID [for <RCPT>]; DATE`, folded.
    /// - Parameter recipient: named only when the message has a single recipient, so one
    ///   recipient's address does not leak to the others.
    static func field(
        lhlo: String, remoteIP: String, hostname: String, sessionID: String,
        recipient: String?, date: Date
    ) -> String {
        var text = "Received: from \(lhlo) (\(remoteIP))\r\n\tby \(hostname) (Columba) with LMTP id \(sessionID)"
        if let recipient { text += "\r\n\tfor <\(recipient)>" }
        return text + "; \(rfc5322Date(date))\r\n"
    }

    /// `Sun, 29 Nov 2026 06:10:00 +0000` (RFC 5322 §3.3), in UTC.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
