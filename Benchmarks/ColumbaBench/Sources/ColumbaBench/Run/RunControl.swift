import NIOConcurrencyHelpers

/// When a run measures and when it stops, shared by its clients: a warm-up whose commands are
/// checked but not recorded, then a duration or a number of recorded commands.
public final class RunControl: Sendable {
    public let start: ContinuousClock.Instant
    public let measureFrom: ContinuousClock.Instant
    private let deadline: ContinuousClock.Instant?
    private let remainingOperations: NIOLockedValueBox<Int>?

    /// `durationSeconds` after the warm-up, or `operations` recorded commands; at least one must be given.
    public init(warmupSeconds: Double, durationSeconds: Double?, operations: Int?) {
        let start = ContinuousClock.now
        let measureFrom = start + .milliseconds(Int64(warmupSeconds * 1000))
        self.start = start
        self.measureFrom = measureFrom
        deadline = durationSeconds.map { measureFrom + .milliseconds(Int64($0 * 1000)) }
        remainingOperations = operations.map { NIOLockedValueBox($0) }
    }

    /// Whether clients should go on sending commands.
    public var shouldContinue: Bool {
        if let deadline, ContinuousClock.now >= deadline { return false }
        if let remainingOperations, remainingOperations.withLockedValue({ $0 <= 0 }) { return false }
        return true
    }

    /// Whether a command completed now is recorded; counts it against the operation budget.
    public func recordNow() -> Bool {
        guard ContinuousClock.now >= measureFrom else { return false }
        guard let remainingOperations else { return true }
        return remainingOperations.withLockedValue { remaining in
            guard remaining > 0 else { return false }
            remaining -= 1
            return true
        }
    }
}
