import FS
import NIOPosix
import OrderedCollections

/// The mail stores open in this process, one per home directory, shared by every session of a
/// user so that they see one index, one save lock and one change bus.
///
/// Many sessions asking for a user's store at once (a client opening several connections right
/// after the first login) wait for a single opening. A store stays open while anything holds it
/// (a session, a delivery) and, after that, while it is among the `keptIdle` stores asked for
/// most recently; then it is closed (its index connections and lock file with it), so a server
/// that sees many users over its life does not keep every one's files open. Asking again opens
/// it again.
public actor OpenMailStores {
    /// Stores being opened, by home.
    private var opening: [String: Task<UserMailStore, any Error>] = [:]
    /// Every open store, by home, held weakly: a store lives as long as its users and ``recent``.
    private var open: [String: WeakStore] = [:]
    /// The stores asked for most recently, least recent first, held so they stay open.
    private var recent: OrderedDictionary<String, UserMailStore> = [:]
    private let keptIdle: Int
    private let options: MailStorageOptions
    private let threadPool: NIOThreadPool

    /// - Parameter fsync: when message files are fsynced.
    public init(fsync: FsyncPolicy = .optimized) {
        self.init(options: MailStorageOptions(fsync: fsync))
    }

    /// - Parameters:
    ///   - options: the format of new homes, the multi-dbox rotation size and the fsync policy.
    ///   - threadPool: where every store's file system runs its blocking calls; a server gives
    ///     it enough threads that fsyncs do not hold up other sessions' reads.
    ///   - keptIdle: how many of the stores asked for most recently stay open when nothing
    ///     holds them (at least 1).
    public init(options: MailStorageOptions, threadPool: NIOThreadPool = .singleton, keptIdle: Int = 100) {
        self.options = options
        self.threadPool = threadPool
        self.keptIdle = max(1, keptIdle)
    }

    /// The store of the user whose mail lives in `home`, opened (and created) on first use.
    public func store(home: String) async throws -> UserMailStore {
        if let store = open[home]?.store {
            remember(store, home: home)
            return store
        }
        if let task = opening[home] {
            return try await task.value
        }
        let task = Task { [options, threadPool] in try await UserMailStore.open(home: home, options: options, threadPool: threadPool) }
        opening[home] = task
        defer { opening[home] = nil }
        let store = try await task.value
        open[home] = WeakStore(store: store)
        remember(store, home: home)
        return store
    }

    /// How many stores are open now (held by something, or among the recent ones).
    public var openCount: Int {
        open.values.count { $0.store != nil }
    }

    /// Makes `store` the most recent, letting the least recent beyond `keptIdle` go.
    private func remember(_ store: UserMailStore, home: String) {
        recent.removeValue(forKey: home)
        recent[home] = store
        while recent.count > keptIdle {
            let (gone, _) = recent.removeFirst()
            if open[gone]?.store == nil { open[gone] = nil }
        }
        if open.count > 2 * keptIdle {
            open = open.filter { $0.value.store != nil }
        }
    }
}

/// A store held without keeping it open.
private struct WeakStore {
    weak var store: UserMailStore?
}
