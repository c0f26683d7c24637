/// `MAIL FROM:<reverse-path> [SP Mail-parameters]` (RFC 5321 §4.1.1.2).
public struct MailCommand: Hashable, Sendable, CustomStringConvertible {
    /// The sender, or `<>`.
    public var reversePath: ReversePath
    /// ESMTP parameters.
    public var parameters: MailParameters

    /// Makes a MAIL command.
    public init(reversePath: ReversePath, parameters: MailParameters = MailParameters()) {
        self.reversePath = reversePath
        self.parameters = parameters
    }

    /// The command line without CRLF.
    public var description: String { "MAIL FROM:\(self.reversePath)\(self.parameters)" }
}
