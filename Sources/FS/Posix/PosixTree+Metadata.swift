#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension PosixTree {
    /// Stores metadata on a temporary file before its commit (extended attributes only; sidecars
    /// are written by ``commitSidecar(_:for:)`` after the commit).
    func attachMetadata(_ metadata: FSMetadata, descriptor: CInt, path: String) throws {
        guard metadataStorage == .extendedAttributes, !metadata.isEmpty else { return }
        let bytes = metadata.encoded()
        if ExtendedAttribute.set(descriptor, bytes) != 0 { throw error(path) }
    }

    /// The metadata of a committed file.
    func metadata(of path: FSPath) throws -> FSMetadata {
        _ = try statFile(path)
        let bytes: [UInt8]?
        switch metadataStorage {
        case .sidecarFiles:
            bytes = try readSmallFile(sidecarPath(for: path))
        default:
            bytes = try attributeBytes(absolute(path))
        }
        return try bytes.map { try FSMetadata.decode($0, path: path.string) } ?? FSMetadata()
    }

    /// The raw metadata attribute of a file, or `nil` when it has none.
    func attributeBytes(_ absolutePath: String) throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: FSMetadata.maximumSize * 3)
        let length = buffer.withUnsafeMutableBytes { ExtendedAttribute.get(absolutePath, $0) }
        if length >= 0 { return Array(buffer.prefix(length)) }
        if errno == ExtendedAttribute.missing { return nil }
        throw error(absolutePath)
    }

    // MARK: - Sidecar files

    /// The sidecar of `path`: `.meta.<name>` in the same directory.
    func sidecarPath(for path: FSPath) -> String {
        absoluteDirectory(path.parent) + "/.meta." + path.name
    }

    /// After `path` was committed: writes its sidecar (temporary file, fsync per policy, rename),
    /// or removes a stale one when there is no metadata. Does nothing with extended attributes.
    func commitSidecar(_ metadata: FSMetadata, for path: FSPath) throws {
        guard metadataStorage == .sidecarFiles else { return }
        let sidecar = sidecarPath(for: path)
        if metadata.isEmpty { return try unlinkIfExists(sidecar) }
        let temporary = temporaryPath(near: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, options.fileMode)
        guard descriptor >= 0 else { throw error(temporary) }
        do {
            defer { close(descriptor) }
            try metadata.encoded().withUnsafeBytes { try writeAll(descriptor, $0, path: temporary) }
            if options.fsync.syncsData { try syncFile(descriptor, path: temporary) }
        } catch {
            unlink(temporary)
            throw error
        }
        if rename(temporary, sidecar) != 0 {
            let failure = error(sidecar)
            unlink(temporary)
            throw failure
        }
    }

    /// Gives `destination` the sidecar of `source` (after a rename or copy of the file).
    func carrySidecar(from source: FSPath, to destination: FSPath, move: Bool) throws {
        guard metadataStorage == .sidecarFiles else { return }
        let bytes = try readSmallFile(sidecarPath(for: source))
        let metadata = try bytes.map { try FSMetadata.decode($0, path: source.string) } ?? FSMetadata()
        try commitSidecar(metadata, for: destination)
        if move { try unlinkIfExists(sidecarPath(for: source)) }
    }

    /// Reads a small file whole, or returns `nil` when it does not exist.
    func readSmallFile(_ absolutePath: String) throws -> [UInt8]? {
        let descriptor = open(absolutePath, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw error(absolutePath)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw error(absolutePath)
            }
            if count == 0 { return bytes }
            bytes += chunk.prefix(count)
        }
    }
}
