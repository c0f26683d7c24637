/// The RCPT parameter `NOTIFY=` (RFC 3461 §4.1):
/// `"NEVER" / 1#( "SUCCESS" / "FAILURE" / "DELAY" )`.
public enum DSNNotify: Hashable, Sendable, CustomStringConvertible {
    /// Never send a DSN for this recipient.
    case never
    /// Send a DSN on these events; never empty.
    case on(Set<Condition>)

    /// An event worth a notification.
    public enum Condition: String, Hashable, Sendable, CaseIterable {
        case success = "SUCCESS"
        case failure = "FAILURE"
        case delay = "DELAY"
    }

    /// Parses the value; nil if it is not one (NEVER mixed with others, unknown words, empty items).
    init?(parsing value: String) {
        let items = value.uppercased().split(separator: ",", omittingEmptySubsequences: false)
        if items == ["NEVER"] {
            self = .never
            return
        }
        var conditions: Set<Condition> = []
        for item in items {
            guard let condition = Condition(rawValue: String(item)), conditions.insert(condition).inserted else {
                return nil
            }
        }
        self = .on(conditions)
    }

    public var description: String {
        switch self {
        case .never: "NEVER"
        case .on(let conditions):
            Condition.allCases.filter(conditions.contains).map(\.rawValue).joined(separator: ",")
        }
    }
}
