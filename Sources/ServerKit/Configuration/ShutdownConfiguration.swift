/// Graceful shutdown on SIGTERM.
public struct ShutdownConfiguration: Sendable, Hashable {
    /// How long in-flight commands may run after listeners stop accepting, 0s...1h.
    public var drainTimeout: Duration

    /// Creates a shutdown configuration.
    public init(drainTimeout: Duration) {
        self.drainTimeout = drainTimeout
    }
}
