#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension PosixFileSystem {
    /// How a ``PosixFileSystem`` writes.
    public struct Options: Sendable {
        /// When to fsync.
        public var fsync: FsyncPolicy
        /// Where metadata is kept.
        public var metadataStorage: PosixMetadataStorage
        /// Whether copy may hard-link (turn off on file systems without hard links; copy then
        /// copies bytes, and commit of a ``FSCreateMode/failIfExists`` file still needs `link()`).
        public var hardLinks: Bool
        /// Permission bits of new files.
        public var fileMode: mode_t
        /// Permission bits of new directories.
        public var directoryMode: mode_t
        /// Temporary files older than this are leftovers of a crash and are deleted when found.
        public var staleTemporaryFileAge: Duration
        /// The system calls to use (tests count fsyncs through this).
        public var syscalls: PosixSyscalls

        /// Creates options; the defaults suit mail storage.
        public init(
            fsync: FsyncPolicy = .optimized,
            metadataStorage: PosixMetadataStorage = .automatic,
            hardLinks: Bool = true,
            fileMode: mode_t = 0o600,
            directoryMode: mode_t = 0o700,
            staleTemporaryFileAge: Duration = .seconds(36 * 3600),
            syscalls: PosixSyscalls = .system
        ) {
            self.fsync = fsync
            self.metadataStorage = metadataStorage
            self.hardLinks = hardLinks
            self.fileMode = fileMode
            self.directoryMode = directoryMode
            self.staleTemporaryFileAge = staleTemporaryFileAge
            self.syscalls = syscalls
        }
    }
}
