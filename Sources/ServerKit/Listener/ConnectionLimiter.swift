import NIOCore
import Synchronization

/// Counts open connections, in total and per client address, and refuses those over the limits.
public final class ConnectionLimiter: Sendable {
    /// Why a connection was refused.
    public enum Refusal: Sendable, Equatable {
        case tooManyConnections
        case tooManyConnectionsFromAddress
    }

    private struct Counts {
        var total = 0
        var byAddress: [String: Int] = [:]
    }

    private let maximumTotal: Int
    private let maximumPerAddress: Int
    private let counts = Mutex(Counts())

    public init(maximumTotal: Int, maximumPerAddress: Int) {
        self.maximumTotal = maximumTotal
        self.maximumPerAddress = maximumPerAddress
    }

    /// Counts a new connection from `address`, or says why it must be refused (and counts nothing).
    public func admit(_ address: String) -> Refusal? {
        counts.withLock { counts in
            if counts.total >= maximumTotal { return .tooManyConnections }
            let current = counts.byAddress[address, default: 0]
            if current >= maximumPerAddress { return .tooManyConnectionsFromAddress }
            counts.total += 1
            counts.byAddress[address] = current + 1
            return nil
        }
    }

    /// Forgets a connection that ``admit(_:)`` counted.
    public func release(_ address: String) {
        counts.withLock { counts in
            counts.total -= 1
            let remaining = counts.byAddress[address, default: 1] - 1
            counts.byAddress[address] = remaining > 0 ? remaining : nil
        }
    }

    /// The number of connections currently counted.
    public var openConnections: Int {
        counts.withLock { $0.total }
    }
}
