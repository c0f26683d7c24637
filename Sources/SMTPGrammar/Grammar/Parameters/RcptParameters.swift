/// The ESMTP parameters of RCPT TO, typed where an extension defines them.
///
/// ```
/// C: RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.org
/// ```
/// Encoded in this order: NOTIFY, ORCPT, then ``others`` as given.
public struct RcptParameters: Hashable, Sendable, CustomStringConvertible {
    /// `NOTIFY=` (RFC 3461 §4.1).
    public var notify: DSNNotify?
    /// `ORCPT=` (RFC 3461 §4.2).
    public var originalRecipient: OriginalRecipient?
    /// Every other parameter, in order.
    public var others: [ESMTPParameter]

    /// Makes parameters; all absent by default.
    public init(notify: DSNNotify? = nil, originalRecipient: OriginalRecipient? = nil, others: [ESMTPParameter] = []) {
        self.notify = notify
        self.originalRecipient = originalRecipient
        self.others = others
    }

    /// Sorts raw parameters into typed fields. Typed keywords are checked; the others are kept.
    init(parsing parameters: [ESMTPParameter]) throws(SMTPCommandError) {
        self.init()
        for parameter in parameters {
            switch parameter.keyword {
            case "NOTIFY":
                guard let notify = parameter.value.flatMap(DSNNotify.init(parsing:)) else {
                    throw SMTPCommandError(.badParameter, "NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY")
                }
                self.notify = notify
            case "ORCPT":
                guard let value = parameter.value, value.utf8.count <= SMTPDefaults.originalRecipientLength,
                    let orcpt = OriginalRecipient(parsing: value)
                else {
                    throw SMTPCommandError(.badParameter, "ORCPT must be addr-type;xtext of at most 500 characters")
                }
                self.originalRecipient = orcpt
            default:
                self.others.append(parameter)
            }
        }
    }

    /// The parameters as wire text, each preceded by a space; empty when there are none.
    public var description: String {
        var parts: [String] = []
        if let notify = self.notify { parts.append("NOTIFY=\(notify)") }
        if let orcpt = self.originalRecipient { parts.append("ORCPT=\(orcpt)") }
        parts += self.others.map(\.description)
        return parts.map { " " + $0 }.joined()
    }
}
