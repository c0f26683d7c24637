import MailMessage

/// The duplicate test (RFC 7352).
extension SieveRun {
    /// Seconds an identifier is remembered without `:seconds`, and at most.
    static let defaultDuplicatePeriod = 7 * 86_400
    static let maximumDuplicatePeriod = 90 * 86_400

    /// Whether the message was seen before; records its identifier for after delivery when it was
    /// not (or, with `:last`, in any case). A message without the identifying field is no duplicate.
    mutating func duplicate(_ arguments: Arguments) -> Bool {
        let id: String
        if let unique = arguments.stringList("uniqueid")?.first {
            id = unique
        } else {
            let field = arguments.stringList("header")?.first ?? "Message-ID"
            guard let value = environment.message.decodedHeader(field)?.trimmingSpaces, !value.isEmpty else { return false }
            id = value
        }
        let handle = arguments.stringList("handle")?.first ?? ""
        let key = handle + "\u{0}" + id
        let seconds = Int(min(arguments.numberTag("seconds") ?? UInt64(Self.defaultDuplicatePeriod),
                              UInt64(Self.maximumDuplicatePeriod)))
        let seen = duplicates?.contains(key, now: environment.now) ?? false
        if !seen || arguments.has("last") {
            duplicateMarks.removeAll { $0.key == key }
            duplicateMarks.append(SieveDuplicateMark(key: key, expiry: environment.now + seconds))
        }
        return seen
    }
}
