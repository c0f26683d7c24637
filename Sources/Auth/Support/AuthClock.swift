/// The time source of the authenticator: a monotonic reading and a sleep.
///
/// Production code uses ``continuous``; tests build one from closures to observe the
/// delays the failure penalty asks for without waiting for them.
public struct AuthClock: Sendable {
    /// Monotonic time elapsed since an arbitrary origin.
    public let now: @Sendable () -> Duration
    /// Suspends the caller for the given duration.
    public let sleep: @Sendable (Duration) async throws -> Void

    /// Creates a clock from a reading and a sleep function.
    /// - Parameters:
    ///   - now: monotonic time since an arbitrary origin.
    ///   - sleep: suspends for a duration.
    public init(now: @escaping @Sendable () -> Duration, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// Wraps any `Clock` whose durations are `Duration`.
    /// - Parameter clock: the clock to read and sleep on.
    public init<C: Clock & Sendable>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        self.now = { origin.duration(to: clock.now) }
        self.sleep = { duration in try await clock.sleep(for: duration) }
    }

    /// The process's `ContinuousClock`.
    public static var continuous: AuthClock { AuthClock(ContinuousClock()) }
}
