/// A file system operation failed.
///
/// Every backend reports its failures with this one type, so callers can react to ``kind``
/// (for example treat ``Kind/alreadyExists`` as "someone else won the race") without knowing
/// which backend they talk to. The error names the path it is about.
public struct FSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public var kind: Kind
    /// The path the operation was about, relative to the file system's root (or the invalid input).
    public var path: String
    /// The operating system's error number, when the failure came from a system call.
    public var errno: Int32?
    /// A short human-readable explanation, when the kind alone does not say enough.
    public var detail: String?

    /// Creates an error.
    public init(kind: Kind, path: String, errno: Int32? = nil, detail: String? = nil) {
        self.kind = kind
        self.path = path
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        var text = "\(kind): \(path)"
        if let detail { text += ": \(detail)" }
        if let errno { text += " (errno \(errno))" }
        return text
    }

    /// The kind of an ``FSError``; new kinds may be added, so switch with a default.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case notFound, alreadyExists, notADirectory, isADirectory, permissionDenied
            case invalidPath, invalidMetadata, io
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The file (or a directory on its path) does not exist.
        public static let notFound = Kind(.notFound)
        /// A create that must not replace found the file already there.
        public static let alreadyExists = Kind(.alreadyExists)
        /// A component of the path is a file where a directory was needed.
        public static let notADirectory = Kind(.notADirectory)
        /// The path names a directory where a file was needed.
        public static let isADirectory = Kind(.isADirectory)
        /// The operating system refused access.
        public static let permissionDenied = Kind(.permissionDenied)
        /// The path is not a valid relative path (empty, absolute, `..`, NUL, reserved name, too long).
        public static let invalidPath = Kind(.invalidPath)
        /// A metadata key or value is not allowed, or the metadata is too large.
        public static let invalidMetadata = Kind(.invalidMetadata)
        /// Any other input/output failure; ``FSError/errno`` says which when known.
        public static let io = Kind(.io)

        public var description: String { base.rawValue }
    }
}
