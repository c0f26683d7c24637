import MailMessage

/// Executes a result as final delivery would, into the test runner's mail store and captured
/// outbox: stores keep and fileinto, submits redirects, rejections and vacation replies, records
/// duplicate identifiers after success, and falls back to keeping the message when an action fails
/// (RFC 5228 §2.10.6).
enum SieveTestDelivery {
    /// Executes the result of `run`; `false` when an action failed (the error log says why).
    static func execute(_ run: SieveRun, harness: SieveTestHarness) -> Bool {
        let result = run.result()
        let environment = run.environment
        let message = environment.message.bytes
        if let error = result.runtimeError {
            harness.errors.append(error)
            harness.store.append(message, flags: [], to: "INBOX")
            return false
        }
        var succeeded = true
        var stored = false
        for action in result.actions {
            switch action {
            case .keep(let flags):
                harness.store.append(message, flags: flags ?? [], to: "INBOX")
                stored = true
            case .fileInto(let named, let flags, let create, let specialUse):
                // RFC 8579 §4: the mailbox with the attribute wins over the named one.
                let mailbox = specialUse.flatMap { attribute in
                    harness.configuration.specialUse.first { $0.value.contains(SieveRun.specialUseKey(attribute)) }?.key
                } ?? named
                guard SieveTestMailStore.isValidName(mailbox) else {
                    harness.errors.append("invalid mailbox name '\(mailbox)'")
                    succeeded = false
                    continue
                }
                if !harness.store.exists(mailbox) {
                    guard create else {
                        harness.errors.append("mailbox '\(mailbox)' does not exist")
                        succeeded = false
                        continue
                    }
                    harness.store.create(mailbox)
                }
                harness.store.append(message, flags: flags ?? [], to: mailbox)
                stored = true
            case .redirect(let address):
                let from = harness.configuration.redirectEnvelopeFrom ?? environment.envelopeFrom
                harness.outbox.append(SieveTestOutgoingMessage(from: from, to: address, bytes: message))
            case .reject(let reason, _):
                // No rejection goes to the null sender (RFC 5429 §2.1.2).
                guard !environment.envelopeFrom.isEmpty else { continue }
                harness.outbox.append(SieveTestOutgoingMessage(
                    from: "", to: environment.envelopeFrom,
                    bytes: rejection(reason, of: environment, now: harness.now)
                ))
            case .vacation(let response):
                let user = harness.configuration.userEmail ?? environment.originalRecipient ?? environment.envelopeTo
                harness.outbox.append(SieveTestOutgoingMessage(
                    from: "", to: response.recipient, bytes: vacationReply(response, user: user, now: harness.now)
                ))
            case .notify(let notification):
                let user = harness.configuration.userEmail ?? environment.originalRecipient ?? environment.envelopeTo
                for outgoing in mailtoNotification(notification, about: environment, user: user, now: harness.now) {
                    harness.outbox.append(outgoing)
                }
            case .discard:
                break
            }
        }
        if !succeeded, !stored {
            harness.store.append(message, flags: [], to: "INBOX")
        }
        if succeeded {
            for mark in result.duplicateMarks { harness.duplicates.record(mark.key, until: mark.expiry) }
        }
        return succeeded
    }

    /// The MDN of RFC 5429 §2.1.1 (RFC 8098 format) telling the sender the message was refused.
    static func rejection(_ reason: String, of environment: SieveEnvironment, now: Int) -> [UInt8] {
        let boundary = "sieve-reject-\(now)"
        let subject = environment.message.decodedHeader("Subject")?.trimmingSpaces ?? ""
        let text = """
            From: Postmaster <\(SieveTestConfiguration.postmaster)>\r
            To: <\(environment.envelopeFrom)>\r
            Subject: \(headerValue("Automatically rejected mail" + (subject.isEmpty ? "" : ": " + subject)))\r
            Date: \(SieveDate(secondsSince1970: now, zoneOffset: 0).part("std11") ?? "")\r
            Auto-Submitted: auto-replied (rejected)\r
            Precedence: bulk\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=disposition-notification; boundary="\(boundary)"\r
            \r
            --\(boundary)\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 8bit\r
            \r
            Your message to <\(environment.envelopeTo)> was automatically rejected:\r
            \(SieveTestMailStore.crlf(reason))\r
            --\(boundary)\r
            Content-Type: message/disposition-notification\r
            \r
            Reporting-UA: \(SieveTestConfiguration.postmaster); Columba Sieve\r
            Final-Recipient: rfc822; \(environment.envelopeTo)\r
            Disposition: automatic-action/MDN-sent-automatically; deleted\r
            \r
            --\(boundary)\r
            Content-Type: message/rfc822\r
            \r

            """
        return Array(text.utf8) + environment.message.bytes + Array("\r\n--\(boundary)--\r\n".utf8)
    }

    /// The automatic reply of RFC 5230 §5.
    static func vacationReply(_ response: VacationResponse, user: String, now: Int) -> [UInt8] {
        var header = """
            From: \(response.from ?? "<\(user)>")\r
            To: <\(response.recipient)>\r
            Subject: \(headerValue(response.subject))\r
            Date: \(SieveDate(secondsSince1970: now, zoneOffset: 0).part("std11") ?? "")\r
            Auto-Submitted: auto-replied\r
            Precedence: bulk\r

            """
        if let inReplyTo = response.inReplyTo {
            header += "In-Reply-To: \(inReplyTo)\r\nReferences: \(inReplyTo)\r\n"
        }
        header += "MIME-Version: 1.0\r\n"
        if response.isMIME {
            // With :mime the reason is a MIME entity, header and body (RFC 5230 §4.8).
            return Array((header + SieveTestMailStore.crlf(response.reason)).utf8)
        }
        header += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        return Array((header + SieveTestMailStore.crlf(response.reason) + "\r\n").utf8)
    }

    /// The messages of a mailto notification (RFC 5436 §2.7), one per recipient; none when the
    /// message itself was sent automatically, so that notifications never loop.
    static func mailtoNotification(_ notification: SieveNotification, about environment: SieveEnvironment,
                                   user: String, now: Int) -> [SieveTestOutgoingMessage] {
        guard let uri = MailtoURI(notification.method) else { return [] }
        if let autoSubmitted = environment.message.decodedHeader("Auto-Submitted"),
           autoSubmitted.trimmingSpaces.lowercased() != "no" { return [] }
        let original = environment.message.decodedHeader("Subject")?.trimmingSpaces ?? ""
        let subject = uri.headers.first { $0.name == "subject" }?.value
            ?? notification.message ?? "[SIEVE] New mail" + (original.isEmpty ? "" : ": " + original)
        let body = uri.body ?? notification.message
            ?? "A new message from <\(environment.envelopeFrom)> arrived" + (original.isEmpty ? "." : ": " + original)
        let importance = ["1": "high", "2": "normal", "3": "low"][String(notification.importance)] ?? "normal"
        var header = """
            From: <\(notification.from ?? user)>\r
            To: \(uri.recipients.map { "<\($0)>" }.joined(separator: ", "))\r
            Subject: \(headerValue(subject))\r
            Date: \(SieveDate(secondsSince1970: now, zoneOffset: 0).part("std11") ?? "")\r
            Auto-Submitted: auto-notified\r
            Importance: \(importance)\r

            """
        for field in uri.headers where field.name != "subject" {
            header += "\(field.name): \(headerValue(field.value))\r\n"
        }
        header += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        let bytes = Array((header + SieveTestMailStore.crlf(body) + "\r\n").utf8)
        return uri.recipients.map { SieveTestOutgoingMessage(from: "", to: $0, bytes: bytes) }
    }

    /// `value` as a header value: as is when ASCII, else one RFC 2047 encoded word.
    static func headerValue(_ value: String) -> String {
        guard !value.unicodeScalars.allSatisfy({ $0.isASCII && $0 != "\r" && $0 != "\n" }) else { return value }
        return "=?UTF-8?B?" + String(decoding: Base64.encode(Array(value.utf8), lineLength: 0), as: UTF8.self) + "?="
    }
}
