#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls the posix backend lets tests observe or replace.
public struct PosixSyscalls: Sendable {
    /// `fsync(2)` on a file descriptor of a file or directory; returns 0 or -1 with `errno` set.
    public var fsync: @Sendable (CInt) -> CInt

    /// Creates a set of system calls.
    public init(fsync: @escaping @Sendable (CInt) -> CInt) {
        self.fsync = fsync
    }

    /// The real system calls.
    public static let system = PosixSyscalls(fsync: { descriptor in
        #if canImport(Darwin)
        Darwin.fsync(descriptor)
        #elseif canImport(Glibc)
        Glibc.fsync(descriptor)
        #else
        Musl.fsync(descriptor)
        #endif
    })
}
