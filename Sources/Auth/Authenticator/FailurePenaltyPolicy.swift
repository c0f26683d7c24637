/// How long failed logins are delayed, per client address.
public struct FailurePenaltyPolicy: Sendable, Hashable {
    /// The delay after the first failure (Dovecot: 2 s).
    public var initialDelay: Duration
    /// The most a delay grows to (Dovecot: 15 s).
    public var maximumDelay: Duration
    /// After this long without a failure the address starts over.
    public var quietPeriod: Duration
    /// How many addresses are remembered; the stalest are forgotten beyond this.
    public var maximumTrackedAddresses: Int

    /// Creates a policy; the defaults match Dovecot.
    public init(
        initialDelay: Duration = .seconds(2),
        maximumDelay: Duration = .seconds(15),
        quietPeriod: Duration = .seconds(3600),
        maximumTrackedAddresses: Int = 10_000
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.quietPeriod = quietPeriod
        self.maximumTrackedAddresses = maximumTrackedAddresses
    }

    /// No delay at all (tests, trusted deployments).
    public static let disabled = FailurePenaltyPolicy(initialDelay: .zero, maximumDelay: .zero)
}
