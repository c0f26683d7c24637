import NIOPosix
import SieveScripts

/// A logged-in user's scripts as ManageSieve sees them: ``SieveScriptStore`` run on the thread
/// pool (its calls block on the file system), with the quota of `sieve.max_script_size` and
/// `sieve.max_scripts`.
struct ScriptStorage: Sendable {
    /// Why a script may not be stored.
    enum QuotaRefusal: Sendable {
        case tooLarge(limit: Int)
        case tooManyScripts(limit: Int)
    }

    let store: SieveScriptStore
    let maximumScriptSize: Int
    let maximumScripts: Int

    init(home: String, settings: ManageSieveServerSettings) {
        store = SieveScriptStore(home: home)
        maximumScriptSize = settings.maximumScriptSize
        maximumScripts = settings.maximumScripts
    }

    /// Runs `body` on the store, off the event loops and the cooperative pool.
    func run<Result: Sendable>(_ body: @escaping @Sendable (SieveScriptStore) throws -> Result) async throws -> Result {
        let store = self.store
        return try await NIOThreadPool.singleton.runIfActive { try body(store) }
    }

    /// Whether a script of `size` octets stored as `name` would exceed the quota (RFC 5804 §2.5).
    func quotaRefusal(name: String, size: UInt64) async throws -> QuotaRefusal? {
        if size > UInt64(maximumScriptSize) { return .tooLarge(limit: maximumScriptSize) }
        let maximumScripts = self.maximumScripts
        return try await run { store in
            store.exists(name) || store.names().count < maximumScripts ? nil : .tooManyScripts(limit: maximumScripts)
        }
    }
}
