#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The extended attribute that holds a file's metadata, and the two calls on it.
///
/// Glibc's Swift module does not export `<sys/xattr.h>`, so on Linux the functions are looked up
/// in the C library at run time; when they are missing every call fails with `ENOTSUP`, and
/// ``PosixMetadataStorage/automatic`` then picks sidecar files.
enum ExtendedAttribute {
    /// The attribute's name.
    static let name = "user.columba.metadata"

    /// Sets the attribute on an open file; 0 or -1 with `errno` set.
    static func set(_ descriptor: CInt, _ bytes: [UInt8]) -> CInt {
        #if canImport(Darwin)
        fsetxattr(descriptor, name, bytes, bytes.count, 0, 0)
        #else
        guard let setFunction else {
            errno = ENOTSUP
            return -1
        }
        return setFunction(descriptor, name, bytes, bytes.count, 0)
        #endif
    }

    /// Reads the attribute of a file into `buffer`; the length or -1 with `errno` set.
    static func get(_ path: String, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
        #if canImport(Darwin)
        getxattr(path, name, buffer.baseAddress, buffer.count, 0, 0)
        #else
        guard let getFunction else {
            errno = ENOTSUP
            return -1
        }
        return getFunction(path, name, buffer.baseAddress, buffer.count)
        #endif
    }

    /// Whether the file system of `directory` accepts the attribute (tried on a temporary file).
    static func isSupported(in directory: String) -> Bool {
        let probe = directory + "/" + PosixTree.temporaryName()
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer {
            close(descriptor)
            unlink(probe)
        }
        return set(descriptor, Array("probe=1\n".utf8)) == 0
    }

    #if canImport(Darwin)
    /// The `errno` of a file without the attribute.
    static let missing = ENOATTR
    #else
    /// The `errno` of a file without the attribute.
    static let missing = ENODATA

    private typealias SetFunction = @convention(c) (CInt, UnsafePointer<CChar>, UnsafeRawPointer?, Int, CInt) -> CInt
    private typealias GetFunction =
        @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int

    private static let setFunction: SetFunction? = lookUp("fsetxattr").map { unsafeBitCast($0, to: SetFunction.self) }
    private static let getFunction: GetFunction? = lookUp("getxattr").map { unsafeBitCast($0, to: GetFunction.self) }

    private static func lookUp(_ symbol: String) -> UnsafeMutableRawPointer? {
        guard let library = dlopen(nil, RTLD_NOW) else { return nil }
        return dlsym(library, symbol)
    }
    #endif
}
