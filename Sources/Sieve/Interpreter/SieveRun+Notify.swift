/// The notify action of enotify (RFC 5435 §3).
extension SieveRun {
    /// Adds a notification, or fails the run when its method or arguments are invalid (which may
    /// only show at run time when variables build them) or too many notifications were asked for.
    mutating func notify(_ arguments: Arguments, at location: SourceLocation) -> Bool {
        let method = arguments.positional[0].first ?? ""
        guard SieveNotifyMethods.isValid(method) else {
            return fail("invalid or unsupported notification method '\(method)'", at: location)
        }
        let importance = arguments.stringList("importance")?.first ?? "2"
        guard let level = Int(importance), (1...3).contains(level) else {
            return fail("importance '\(importance)' is not 1, 2 or 3", at: location)
        }
        let from = arguments.stringList("from")?.first
        if let from, !MailtoURI.isAddress(from) {
            return fail("':from' value '\(from)' is not an address", at: location)
        }
        let notifications = actions.filter { if case .notify = $0 { true } else { false } }.count
        guard notifications < limits.maximumNotifications else {
            return fail("more than \(limits.maximumNotifications) notifications", at: location)
        }
        let notification = SieveNotification(
            method: method, from: from, importance: level, options: arguments.stringList("options") ?? [],
            message: arguments.stringList("message")?.first
        )
        return add(.notify(notification), at: location)
    }
}
