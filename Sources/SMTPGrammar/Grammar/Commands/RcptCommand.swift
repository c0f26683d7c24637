/// `RCPT TO:<forward-path> [SP Rcpt-parameters]` (RFC 5321 §4.1.1.3).
public struct RcptCommand: Hashable, Sendable, CustomStringConvertible {
    /// The recipient, or `<Postmaster>`.
    public var forwardPath: ForwardPath
    /// ESMTP parameters.
    public var parameters: RcptParameters

    /// Makes a RCPT command.
    public init(forwardPath: ForwardPath, parameters: RcptParameters = RcptParameters()) {
        self.forwardPath = forwardPath
        self.parameters = parameters
    }

    /// The command line without CRLF.
    public var description: String { "RCPT TO:\(self.forwardPath)\(self.parameters)" }
}
