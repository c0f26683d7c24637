import FS
import Testing

/// A backend the conformance suite runs against: makes a fresh, empty file system per test.
///
/// To put a new backend through the suite, add it to ``all``. A backend that needs a server
/// (S3) can be added only when its address is configured, for example from an environment
/// variable, so the suite still runs everywhere else.
struct FSBackend: Sendable, CustomTestStringConvertible {
    /// A name for test output.
    let name: String
    /// Makes an empty file system and a function that disposes of it.
    let make: @Sendable () async throws -> (fileSystem: any FileSystem, dispose: @Sendable () -> Void)

    var testDescription: String { name }

    /// Every backend under test.
    static let all: [FSBackend] = [
        .posix(name: "posix", options: .init(fsync: .always)),
        .posix(
            name: "posix (sidecar metadata, no hard links)",
            options: .init(
                fsync: .never,
                metadataStorage: .sidecarFiles,
                hardLinks: false
            )
        ),
        FSBackend(name: "in-memory") { (InMemoryFileSystem(), {}) },
    ]

    /// A posix file system on a new temporary directory.
    static func posix(name: String, options: PosixFileSystem.Options) -> FSBackend {
        FSBackend(name: name) {
            let directory = try TemporaryDirectory()
            let fileSystem = try await PosixFileSystem.open(root: directory.path + "/root", options: options)
            return (fileSystem, { directory.remove() })
        }
    }

    /// Runs `body` on a fresh file system of this backend.
    func run(_ body: (any FileSystem) async throws -> Void) async throws {
        let (fileSystem, dispose) = try await make()
        defer { dispose() }
        try await body(fileSystem)
    }
}
