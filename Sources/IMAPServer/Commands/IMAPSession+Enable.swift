import IMAPGrammar

/// ENABLE (RFC 5161) and NAMESPACE (RFC 2342), in the authenticated state.
extension IMAPSession {
    /// Turns on the extensions the server knows and answers with those newly enabled.
    /// IMAP4rev2 and UTF8=ACCEPT switch mailbox names to UTF-8 from the next command on.
    /// CONDSTORE and QRESYNC add modseqs and VANISHED to what the session is told.
    mutating func enable(tag: String, capabilities: [String]) async throws {
        var newlyEnabled: [String] = []
        for capability in capabilities where IMAPSessionState.enableable.contains(capability) {
            guard !state.enabled.contains(capability), !newlyEnabled.contains(capability) else { continue }
            newlyEnabled.append(capability)
        }
        state.enabled.formUnion(newlyEnabled)
        // QRESYNC implies CONDSTORE (RFC 7162 §3.2.3); turned on while a mailbox is selected,
        // CONDSTORE reports the mailbox's HIGHESTMODSEQ (§3.1.2).
        if !state.condstore, newlyEnabled.contains(where: { $0 == "CONDSTORE" || $0 == "QRESYNC" }) {
            state.condstore = true
            if let selected = state.selected {
                try await send(.ok(.highestModSeq(selected.highestModseq), "Highest modseq."))
            }
        }
        let names = newlyEnabled.map { $0 == "IMAP4REV2" ? "IMAP4rev2" : $0 }
        try await send(.untagged(.enabled(names)))
        try await send(tag, .ok("ENABLE completed."))
    }

    /// One personal namespace with no prefix and `/` as the separator; no other users' or
    /// shared mailboxes.
    func namespace(tag: String) async throws {
        let personal = NamespaceDescription(prefix: "", delimiter: MailboxListing.delimiter)
        try await send(.untagged(.namespace(personal: [personal], otherUsers: [], shared: [])))
        try await send(tag, .ok("NAMESPACE completed."))
    }
}
