import Synchronization

/// Fans the changes of one user's store out to every listener in this process.
///
/// Each listener gets its own `AsyncStream`, buffered without bound (changes are small, and a
/// session that stops reading ends its stream); a listener that stops iterating is removed.
final class ChangeBus: Sendable {
    private let listeners = Mutex<[Int: AsyncStream<MailStoreChange>.Continuation]>([:])
    private let nextID = Atomic<Int>(0)

    /// A stream of every change published from now on.
    func subscribe() -> AsyncStream<MailStoreChange> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream<MailStoreChange>.makeStream()
        continuation.onTermination = { [weak self] _ in
            _ = self?.listeners.withLock { $0.removeValue(forKey: id) }
        }
        listeners.withLock { $0[id] = continuation }
        return stream
    }

    func publish(_ change: MailStoreChange) {
        for continuation in listeners.withLock({ Array($0.values) }) {
            continuation.yield(change)
        }
    }
}
