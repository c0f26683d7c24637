/// TLS channel binding data the connection offers to SCRAM (RFC 5929).
public struct ChannelBinding: Sendable, Hashable {
    /// The binding type, `tls-unique` or `tls-server-end-point`.
    public var type: String
    /// The binding data for this connection.
    public var data: [UInt8]

    /// Creates binding data.
    public init(type: String, data: [UInt8]) {
        self.type = type
        self.data = data
    }
}
