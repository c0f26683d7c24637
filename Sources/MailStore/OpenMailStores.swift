import FS
import NIOPosix

/// The mail stores open in this process, one per home directory, shared by every session of a
/// user so that they see one index, one save lock and one change bus.
///
/// Many sessions asking for a user's store at once (a client opening several connections right
/// after the first login) wait for a single opening. Stores stay open for the life of the
/// process.
public actor OpenMailStores {
    private var stores: [String: Task<UserMailStore, any Error>] = [:]
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
    public init(options: MailStorageOptions, threadPool: NIOThreadPool = .singleton) {
        self.options = options
        self.threadPool = threadPool
    }

    /// The store of the user whose mail lives in `home`, opened (and created) on first use.
    public func store(home: String) async throws -> UserMailStore {
        if let opening = stores[home] {
            return try await opening.value
        }
        let opening = Task { [options, threadPool] in try await UserMailStore.open(home: home, options: options, threadPool: threadPool) }
        stores[home] = opening
        do {
            return try await opening.value
        } catch {
            stores[home] = nil
            throw error
        }
    }
}
