import Foundation
import NIOCore

/// Writes one made-up message of a ``MessageMix/Kind``: Received lines, the usual header fields,
/// the kind's own fields (List-Id, X-GitHub-Reason, X-Spam-Flag, ...) and a body of words filled
/// up to a size drawn from the kind's range; attachments are base64 of random bytes.
struct MessageWriter {
    let number: Int
    let seed: UInt64
    var random: SeededGenerator

    private var fields: [(String, String)] = []

    init(number: Int, seed: UInt64, random: SeededGenerator) {
        self.number = number
        self.seed = seed
        self.random = random
    }

    mutating func write(_ kind: MessageMix.Kind) -> LMTPMessage {
        let target = Int.random(in: kind.sizes, using: &random)
        fields = []
        let sender: String
        var subject = pick(Self.topics)
        var body: Body = .text
        switch kind {
        case .personal:
            sender = pick(Self.people)
            if Bool.random(using: &random) { subject = "Re: " + subject }
        case .mailingList:
            let list = pick(Self.lists)
            sender = pick(Self.people)
            subject = "[\(list)] " + subject
            fields += [("List-Id", "\(list) <\(list).lists.example.org>"), ("List-Post", "<mailto:\(list)@lists.example.org>"),
                       ("Precedence", "list")]
        case .notification:
            let notice = notification(subject)
            sender = notice.sender
            subject = notice.subject
            fields.append(("Auto-Submitted", "auto-generated"))
            body = .alternative
        case .newsletter:
            sender = pick(["news@news.example.com", "deals@shop.example", "digest@community.example.net"])
            subject = "Newsletter: " + subject
            fields += [("List-Unsubscribe", "<https://\(sender.split(separator: "@")[1])/unsubscribe?id=\(number)>"),
                       ("Precedence", "bulk")]
            body = .alternative
        case .spam:
            sender = "offers\(number)@" + pick(["bulk-offers.test", "cheap-pills.test", "lottery.test"])
            subject = pick(["You have won", "***SPAM*** Cheap meds", "Urgent: claim your prize"])
            fields += [("X-Spam-Flag", "YES"), ("X-Spam-Score", pick(["6.4", "8.1", "12.7"]))]
        case .business:
            let mail = business()
            sender = mail.sender
            subject = mail.subject
        case .smallAttachment, .largeAttachment:
            sender = pick(Self.people)
            subject = pick(["Report", "Slides", "Photos", "Contract draft", "Scan"]) + ": " + subject
            body = .attachments(kind == .largeAttachment && Bool.random(using: &random) ? 2 : 1)
        }
        var message = ByteBuffer()
        message.reserveCapacity(target + 2048)
        writeHeader(into: &message, sender: sender, subject: subject)
        writeBody(body, into: &message, target: target)
        return LMTPMessage(sender: sender, message: message)
    }

    // MARK: - Kinds

    private mutating func notification(_ topic: String) -> (sender: String, subject: String) {
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            fields.append(("X-GitHub-Reason", pick(["review_requested", "ci_activity", "mention", "subscribed"])))
            return ("notifications@github.com", "[columba/columba] \(topic) (PR #\(number))")
        case 1:
            let project = pick(["OPS", "MAIL", "WEB"])
            return ("jira@issues.example.com", "[JIRA] (\(project)-\(number)) \(topic)")
        default:
            return ("noreply@monitoring.example.com", "[\(pick(["FIRING:1", "RESOLVED"]))] \(topic) on mx\(number % 4)")
        }
    }

    private mutating func business() -> (sender: String, subject: String) {
        switch Int.random(in: 0..<3, using: &random) {
        case 0: ("billing@vendor.example", "Invoice 2026-\(number) for your order")
        case 1: ("service@bank.example.net", "Ihr Kontoauszug ist da")
        default: ("shipping@shop.example", "Your order has shipped")
        }
    }

    // MARK: - Writing

    private enum Body {
        case text
        case alternative
        case attachments(Int)
    }

    private mutating func writeHeader(into message: inout ByteBuffer, sender: String, subject: String) {
        let minute = number % 60
        message.writeString("Return-Path: <\(sender)>\r\n")
        message.writeString("Received: from mx1.example.org (mx1.example.org [192.0.2.10])\r\n"
            + "\tby mail.example.org with ESMTPS id B\(seed)x\(number); Sun, 29 Nov 2026 09:\(pad(minute)):00 +0000\r\n")
        message.writeString("Received: from out.\(sender.split(separator: "@")[1]) (out [198.51.100.\(number % 250)])\r\n"
            + "\tby mx1.example.org with ESMTP id A\(seed)x\(number); Sun, 29 Nov 2026 09:\(pad(minute)):00 +0000\r\n")
        message.writeString("From: \(sender)\r\nTo: Reader <reader@example.org>\r\n")
        if Int.random(in: 0..<4, using: &random) == 0 {
            message.writeString("Cc: \(pick(Self.people))\r\n")
        }
        message.writeString("Subject: \(subject)\r\nDate: Sun, 29 Nov 2026 09:\(pad(minute)):00 +0000\r\n")
        message.writeString("Message-ID: <mix.\(seed).\(number)@example.org>\r\nMIME-Version: 1.0\r\n")
        for (name, value) in fields {
            message.writeString("\(name): \(value)\r\n")
        }
    }

    private mutating func writeBody(_ body: Body, into message: inout ByteBuffer, target: Int) {
        let boundary = "=_mix_\(seed)_\(number)"
        switch body {
        case .text:
            message.writeString("Content-Type: text/plain; charset=utf-8\r\n\r\n")
            writeWords(into: &message, until: target)
        case .alternative:
            message.writeString("Content-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n\r\n")
            message.writeString("--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
            writeWords(into: &message, until: message.readableBytes + (target - message.readableBytes) / 3)
            message.writeString("--\(boundary)\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>\r\n")
            writeWords(into: &message, until: target - 40, line: ("<p>", "</p>"))
            message.writeString("</body></html>\r\n--\(boundary)--\r\n")
        case .attachments(let count):
            message.writeString("Content-Type: multipart/mixed; boundary=\"\(boundary)\"\r\n\r\n")
            message.writeString("--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
            writeWords(into: &message, until: message.readableBytes + 1500)
            for index in 1...count {
                let (type, name) = pick([("application/pdf", "report.pdf"), ("image/jpeg", "photo.jpg"),
                                         ("application/vnd.oasis.opendocument.text", "draft.odt")])
                message.writeString("--\(boundary)\r\nContent-Type: \(type); name=\"\(index)-\(name)\"\r\n"
                    + "Content-Disposition: attachment; filename=\"\(index)-\(name)\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                // Base64 grows the bytes by 4/3 and adds a CRLF per 76 characters.
                let share = (target - message.readableBytes - 60) / (count - index + 1)
                writeBase64(into: &message, octets: max(64, share * 57 / 78))
            }
            message.writeString("--\(boundary)--\r\n")
        }
    }

    private mutating func writeWords(into message: inout ByteBuffer, until target: Int, line: (String, String) = ("", "")) {
        repeat {
            var text = line.0
            while text.utf8.count < 72 {
                text += pick(Self.words) + " "
            }
            message.writeString(text + line.1 + "\r\n")
        } while message.readableBytes < target
    }

    private mutating func writeBase64(into message: inout ByteBuffer, octets: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(octets + 8)
        while bytes.count < octets {
            withUnsafeBytes(of: random.next()) { bytes.append(contentsOf: $0) }
        }
        bytes.removeLast(bytes.count - octets)
        message.writeString(Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn,
                                                                      .endLineWithLineFeed]))
        message.writeString("\r\n")
    }

    private mutating func pick<Element>(_ choices: [Element]) -> Element {
        choices.randomElement(using: &random)!
    }

    private func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    // MARK: - Vocabulary

    static let people = [
        "alice@example.net", "bob@mail.example.com", "carol@family.example", "dave@clients.example.com",
        "erin@example.org", "frank@partner.example", "grace@university.example.edu", "ceo@example.org",
    ]
    static let lists = [
        "swift-dev", "swift-users", "swift-server", "dovecot", "postfix-users", "debian-devel",
        "debian-security-announce", "linux-kernel", "nginx", "pgsql-general", "rust-users", "emailcore",
    ]
    static let topics = [
        "meeting on Thursday", "the release plan", "lunch next week", "build failures", "quarterly numbers",
        "holiday photos", "project Falcon status", "server migration", "conference travel", "question about IMAP",
    ]
    static let words = [
        "mail", "server", "swift", "message", "inbox", "folder", "delivery", "client", "reply", "draft", "the", "and",
        "of", "to", "a", "in", "that", "is", "for", "on", "with", "as", "this", "be", "at", "by", "from", "queue",
        "filter", "sieve", "storage", "index", "release", "meeting", "tomorrow", "thanks", "regards", "please",
    ]
}
