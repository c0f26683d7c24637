/// The server answered wrongly (or not at all): the run fails with the reason and the exchange.
public struct ProtocolViolation: Error, CustomStringConvertible {
    /// What was wrong with the answer.
    public var reason: String
    /// Which user's session saw it.
    public var user: String
    /// The client and server lines of the command that went wrong (`C:` and `S:`).
    public var exchange: [String]

    public init(reason: String, user: String = "", exchange: [String] = []) {
        self.reason = reason
        self.user = user
        self.exchange = exchange
    }

    public var description: String {
        var text = "protocol error" + (user.isEmpty ? "" : " (user \(user))") + ": " + reason
        for line in exchange {
            text += "\n    " + line
        }
        return text
    }
}
