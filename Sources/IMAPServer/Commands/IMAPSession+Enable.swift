import IMAPGrammar

/// ENABLE (RFC 5161) and NAMESPACE (RFC 2342), in the authenticated state.
extension IMAPSession {
    /// Turns on the extensions the server knows and answers with those newly enabled.
    /// IMAP4rev2 and UTF8=ACCEPT switch mailbox names to UTF-8 from the next command on.
    mutating func enable(tag: String, capabilities: [String]) async throws {
        var newlyEnabled: [String] = []
        for capability in capabilities where IMAPSessionState.enableable.contains(capability) {
            guard !state.enabled.contains(capability), !newlyEnabled.contains(capability) else { continue }
            newlyEnabled.append(capability)
        }
        state.enabled.formUnion(newlyEnabled)
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
