/// One name in a directory listing.
public struct FSListEntry: Sendable, Hashable {
    /// Whether the entry is a file or a directory.
    public enum Kind: Sendable, Hashable {
        /// A committed file.
        case file
        /// A directory (for object stores: a common prefix ending in `/`, so only one that holds
        /// files; posix also lists empty directories, such as one left by a rolled-back writer).
        case directory
    }

    /// The entry's name inside the listed directory (one component, no `/`).
    public var name: String
    /// File or directory.
    public var kind: Kind

    /// Creates an entry.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
