import FS

/// The mail stores open in this process, one per home directory, shared by every session of a
/// user so that they see one index, one save lock and one change bus.
///
/// Many sessions asking for a user's store at once (a client opening several connections right
/// after the first login) wait for a single opening. Stores stay open for the life of the
/// process.
public actor OpenMailStores {
    private var stores: [String: Task<UserMailStore, any Error>] = [:]
    private let options: MailStorageOptions

    /// - Parameter fsync: when message files are fsynced.
    public init(fsync: FsyncPolicy = .optimized) {
        self.options = MailStorageOptions(fsync: fsync)
    }

    /// - Parameter options: the format of new homes, the multi-dbox rotation size and the fsync policy.
    public init(options: MailStorageOptions) {
        self.options = options
    }

    /// The store of the user whose mail lives in `home`, opened (and created) on first use.
    public func store(home: String) async throws -> UserMailStore {
        if let opening = stores[home] {
            return try await opening.value
        }
        let opening = Task { [options] in try await UserMailStore.open(home: home, options: options) }
        stores[home] = opening
        do {
            return try await opening.value
        } catch {
            stores[home] = nil
            throw error
        }
    }
}
