import IMAPGrammar

/// LIST with LIST-EXTENDED selection and return options, CHILDREN, SPECIAL-USE and LIST-STATUS
/// (RFC 9051 §6.3.9, RFC 5258, RFC 6154, RFC 5819), and LSUB (RFC 3501 §6.3.9).
extension IMAPSession {
    mutating func list(tag: String, command: ListCommand, in mailboxes: MailStoreAdapter) async throws -> Next {
        var selection = MailboxListing.Selection()
        selection.extended = !command.selectOptions.isEmpty || command.returnOptions != nil || command.patterns.count > 1
        for option in command.selectOptions {
            switch option {
            case .subscribed:
                selection.subscribedOnly = true
                selection.returnSubscribed = true
            case .specialUse: selection.specialUseOnly = true
            case .recursiveMatch: selection.recursiveMatch = true
            case .remote: break  // no remote mailboxes
            case .other(let name): return try await invalid(tag: tag, "Unknown LIST selection option \(name).")
            }
        }
        // RFC 5258 §3: RECURSIVEMATCH needs a selection option that it can apply to.
        if selection.recursiveMatch, !selection.subscribedOnly, !selection.specialUseOnly {
            return try await invalid(tag: tag, "RECURSIVEMATCH needs another selection option.")
        }
        var statusAttributes: [StatusAttribute]?
        for option in command.returnOptions ?? [] {
            switch option {
            case .subscribed: selection.returnSubscribed = true
            case .children, .specialUse: break  // always returned
            case .status(let attributes):
                if let unsupported = Self.unsupportedStatusAttribute(in: attributes) {
                    return try await invalid(tag: tag, "Unsupported STATUS attribute \(unsupported).")
                }
                statusAttributes = attributes
            case .other(let name): return try await invalid(tag: tag, "Unknown LIST return option \(name).")
            }
        }
        let reference = command.reference.name
        if command.patterns.count == 1, command.patterns[0].name.isEmpty, !selection.extended {
            // RFC 9051 §6.3.9: an empty pattern asks for the hierarchy delimiter.
            try await send(.list(ListResponse(attributes: ["\\Noselect"], delimiter: MailboxListing.delimiter, mailbox: MailboxName(""))))
            try await send(tag, .ok("LIST completed."))
            return .continue
        }
        var patterns: [MailboxPattern] = []
        for pattern in command.patterns {
            guard let compiled = MailboxPattern(reference: reference, pattern: pattern.name) else {
                return try await invalid(tag: tag, "Mailbox pattern too long.")
            }
            patterns.append(compiled)
        }
        let listing: MailboxListing
        do {
            listing = MailboxListing(try await mailboxes.mailboxes())
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        for entry in listing.list(patterns: patterns, selection: selection) {
            let response = ListResponse(
                attributes: entry.attributes, delimiter: MailboxListing.delimiter, mailbox: MailboxName(entry.name),
                childInfo: entry.childInfo
            )
            try await send(.list(response))
            // A mailbox deleted meanwhile by another session gets no STATUS line.
            if let statusAttributes, entry.exists, let counts = try? await mailboxes.status(entry.name) {
                try await send(.status(MailboxName(entry.name), statusValues(statusAttributes, counts)))
            }
        }
        try await send(tag, .ok("LIST completed."))
        return .continue
    }

    mutating func lsub(tag: String, reference: MailboxName, pattern: MailboxName, in mailboxes: MailStoreAdapter) async throws -> Next {
        guard let compiled = MailboxPattern(reference: reference.name, pattern: pattern.name) else {
            return try await invalid(tag: tag, "Mailbox pattern too long.")
        }
        let listing: MailboxListing
        do {
            listing = MailboxListing(try await mailboxes.mailboxes())
        } catch {
            return try await storeFailure(tag: tag, error)
        }
        for entry in listing.lsub(pattern: compiled) {
            try await send(.lsub(ListResponse(attributes: entry.attributes, delimiter: MailboxListing.delimiter, mailbox: MailboxName(entry.name))))
        }
        try await send(tag, .ok("LSUB completed."))
        return .continue
    }
}
