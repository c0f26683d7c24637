/// A script store operation that cannot be done.
public struct SieveScriptStoreError: Error, CustomStringConvertible {
    /// Why, as far as a protocol answers differently.
    public enum Kind: Sendable, Hashable {
        /// The script does not exist (ManageSieve `NONEXISTENT`).
        case nonexistent
        /// The new name is taken (`ALREADYEXISTS`).
        case alreadyExists
        /// The script is active and cannot be deleted (`ACTIVE`).
        case active
        /// The name is not allowed.
        case invalidName
        /// The file system failed.
        case io
    }

    public var kind: Kind
    public var description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
