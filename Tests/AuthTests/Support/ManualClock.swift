import Synchronization

@testable import Auth

/// A clock whose sleeps return at once, advancing time and recording the requested durations.
final class ManualClock: Sendable {
    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func advance(by duration: Duration) { state.withLock { $0.now += duration } }

    var authClock: AuthClock {
        AuthClock(
            now: { self.state.withLock { $0.now } },
            sleep: { duration in
                self.state.withLock {
                    $0.sleeps.append(duration)
                    $0.now += duration
                }
            }
        )
    }
}
