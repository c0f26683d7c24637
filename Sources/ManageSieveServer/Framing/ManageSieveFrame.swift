import ManageSieveGrammar

/// One frame read from a ManageSieve client, with the framing epoch it was read in.
public struct ManageSieveFrame: Sendable {
    public var event: FramingEvent
    /// The connection's framing epoch when the frame was read (see ``ServerKit/Connection/epoch``).
    public var epoch: Int
}
