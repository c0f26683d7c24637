/// The failure penalty's state: consecutive failures per client address. I/O-free; the
/// caller supplies the time and performs the sleep.
///
/// The n-th consecutive failure is answered after `initialDelay × 2^(n-1)`, capped at
/// `maximumDelay`. A success or a quiet period clears the address.
public struct FailurePenalty: Sendable {
    private struct Record: Sendable {
        var failures: Int
        var lastFailure: Duration
    }

    /// The policy.
    public let policy: FailurePenaltyPolicy
    private var records: [String: Record] = [:]

    /// Creates an empty penalty table.
    public init(policy: FailurePenaltyPolicy) {
        self.policy = policy
    }

    /// Records a failure and returns how long to wait before answering it.
    /// - Parameters:
    ///   - address: the client address.
    ///   - now: the current monotonic time.
    public mutating func recordFailure(address: String, now: Duration) -> Duration {
        var record =
            records[address].flatMap { now - $0.lastFailure < policy.quietPeriod ? $0 : nil }
            ?? Record(failures: 0, lastFailure: now)
        record.failures += 1
        record.lastFailure = now
        if records[address] == nil, records.count >= policy.maximumTrackedAddresses {
            forgetStalest(now: now)
        }
        records[address] = record
        return delay(forFailures: record.failures)
    }

    /// Clears an address after a successful login.
    public mutating func recordSuccess(address: String) {
        records[address] = nil
    }

    /// Consecutive failures currently counted for an address.
    public func failures(address: String, now: Duration) -> Int {
        guard let record = records[address], now - record.lastFailure < policy.quietPeriod else { return 0 }
        return record.failures
    }

    /// The delay for the n-th consecutive failure.
    public func delay(forFailures count: Int) -> Duration {
        guard count > 0, policy.initialDelay > .zero else { return .zero }
        var delay = policy.initialDelay
        for _ in 1..<count {
            delay = delay * 2
            if delay >= policy.maximumDelay { return policy.maximumDelay }
        }
        return min(delay, policy.maximumDelay)
    }

    private mutating func forgetStalest(now: Duration) {
        records = records.filter { now - $0.value.lastFailure < policy.quietPeriod }
        while records.count >= policy.maximumTrackedAddresses,
            let stalest = records.min(by: { $0.value.lastFailure < $1.value.lastFailure })
        {
            records[stalest.key] = nil
        }
    }
}
