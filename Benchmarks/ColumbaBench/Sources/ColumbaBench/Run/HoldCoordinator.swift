/// Lets the idle-hold run wait until a number of connections are idling, then release them all;
/// a failing connection aborts, which wakes every waiter.
actor HoldCoordinator {
    private var established = 0
    private var aborted = false
    private var released = false
    private var establishedWaiters: [(count: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    private var releaseWaiters: [CheckedContinuation<Void, Never>] = []

    func markEstablished() {
        established += 1
        establishedWaiters.removeAll { waiter in
            guard established >= waiter.count else { return false }
            waiter.continuation.resume(returning: true)
            return true
        }
    }

    /// Waits until `count` connections are idling; false if the run aborted first.
    func waitForEstablished(atLeast count: Int) async -> Bool {
        if aborted { return false }
        if established >= count { return true }
        return await withCheckedContinuation { establishedWaiters.append((count, $0)) }
    }

    func waitForRelease() async {
        if released || aborted { return }
        await withCheckedContinuation { releaseWaiters.append($0) }
    }

    func release() {
        released = true
        releaseWaiters.forEach { $0.resume() }
        releaseWaiters.removeAll()
    }

    func abort() {
        aborted = true
        establishedWaiters.forEach { $0.continuation.resume(returning: false) }
        establishedWaiters.removeAll()
        release()
    }
}
