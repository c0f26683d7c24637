/// A notification a `notify` action asks for (RFC 5435 §3). Only the `mailto` method exists here.
public struct SieveNotification: Hashable, Sendable {
    /// The notification URI, e.g. `mailto:alice@example.org?subject=New%20mail`.
    public var method: String
    /// The sender the script asked for, if any.
    public var from: String?
    /// 1 high, 2 normal, 3 low.
    public var importance: Int
    /// `name=value` options for the method.
    public var options: [String]
    /// The text to send; the method's default when `nil`.
    public var message: String?
}

/// The notification methods this engine offers (RFC 5435 §3.7) and their capabilities.
enum SieveNotifyMethods {
    /// Whether `uri` names a supported method and is valid for it.
    static func isValid(_ uri: String) -> Bool {
        MailtoURI(uri) != nil
    }

    /// `notify_method_capability` (RFC 5435 §5): for mailto, `online` is always "maybe"
    /// (RFC 5436 §2.1); `nil` for an unsupported method or capability.
    static func capability(_ uri: String, _ name: String) -> String? {
        guard isValid(uri), name.lowercased() == "online" else { return nil }
        return "maybe"
    }
}
