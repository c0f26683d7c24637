import Synchronization

/// Counts logged-in sessions per user and client address, like Dovecot's
/// `mail_max_userip_connections`, so one account cannot take every connection a server has.
public final class UserConnectionLimiter: Sendable {
    private let maximum: Int
    private let counts = Mutex<[String: Int]>([:])

    /// - Parameter maximum: sessions one user may have open from one address.
    public init(maximum: Int) {
        self.maximum = maximum
    }

    /// Counts a session of `user` from `address`; false (and nothing counted) when the user
    /// already has the maximum from there.
    public func admit(user: String, address: String) -> Bool {
        counts.withLock { counts in
            let key = Self.key(user, address)
            let current = counts[key, default: 0]
            guard current < maximum else { return false }
            counts[key] = current + 1
            return true
        }
    }

    /// Forgets a session that ``admit(user:address:)`` counted.
    public func release(user: String, address: String) {
        counts.withLock { counts in
            let key = Self.key(user, address)
            let remaining = counts[key, default: 1] - 1
            counts[key] = remaining > 0 ? remaining : nil
        }
    }

    private static func key(_ user: String, _ address: String) -> String {
        user + "\u{0}" + address
    }
}
