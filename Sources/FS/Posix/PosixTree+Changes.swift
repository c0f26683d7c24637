#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension PosixTree {
    /// Creates the temporary file a writer of `path` writes to, with its metadata attached.
    /// - Returns: The open descriptor and the temporary file's absolute path.
    func createTemporary(for path: FSPath, metadata: FSMetadata) throws -> (descriptor: CInt, temporary: String) {
        let temporary = temporaryPath(near: path)
        let createTemporary = { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, self.options.fileMode) }
        var descriptor = createTemporary()
        // The directory usually exists: create it (and its parents) only when it does not.
        if descriptor < 0, errno == ENOENT {
            try makeDirectories(path.parent)
            descriptor = createTemporary()
        }
        guard descriptor >= 0 else { throw error(temporary) }
        do {
            try attachMetadata(metadata, descriptor: descriptor, path: temporary)
        } catch {
            discard(descriptor, temporary)
            throw error
        }
        return (descriptor, temporary)
    }

    /// Closes and deletes an abandoned temporary file.
    func discard(_ descriptor: CInt, _ temporary: String) {
        close(descriptor)
        unlink(temporary)
    }

    /// Commits a written temporary file: fsync it, link or rename it to `path`, write its
    /// sidecar, fsync the directory. Closes `descriptor`; the temporary file is gone afterwards
    /// whether or not the commit succeeded.
    func commit(
        descriptor: CInt,
        temporary: String,
        to path: FSPath,
        mode: FSCreateMode,
        metadata: FSMetadata
    ) throws {
        do {
            if options.fsync.syncsData { try syncFile(descriptor, path: temporary) }
        } catch {
            discard(descriptor, temporary)
            throw error
        }
        close(descriptor)
        try publish(temporary, at: path, mode: mode)
        try commitSidecar(metadata, for: path)
        if options.fsync.syncsData { try syncDirectory(absoluteDirectory(path.parent)) }
    }

    /// Moves a complete temporary file to `path`: `link()` for an atomic no-clobber create,
    /// `rename()` for an atomic replace. The temporary file is gone afterwards.
    private func publish(_ temporary: String, at path: FSPath, mode: FSCreateMode) throws {
        let destination = absolute(path)
        switch mode {
        case .failIfExists:
            defer { unlink(temporary) }
            if link(temporary, destination) != 0 { throw error(destination) }
        case .replace:
            if rename(temporary, destination) != 0 {
                let failure = error(destination)
                unlink(temporary)
                throw failure
            }
        }
    }

    /// Deletes a file (and its sidecar); a missing file is not an error.
    func delete(_ path: FSPath) throws {
        let full = absolute(path)
        if unlink(full) != 0 {
            let code = errno
            let refusedDirectory = code == EPERM || code == EACCES ? try statIfExists(full)?.isDirectory == true : false
            if code == EISDIR || refusedDirectory { throw FSError(kind: .isADirectory, path: path.string) }
            if code != ENOENT && code != ENOTDIR { throw error(full, errno: code) }
            if metadataStorage == .sidecarFiles { try unlinkIfExists(sidecarPath(for: path)) }
            return
        }
        if metadataStorage == .sidecarFiles { try unlinkIfExists(sidecarPath(for: path)) }
        if options.fsync.syncsDirectoryChanges { try syncDirectory(absoluteDirectory(path.parent)) }
    }

    /// Moves a file with its metadata, replacing the destination.
    func move(from source: FSPath, to destination: FSPath) throws {
        let sourceInfo = try statFile(source)
        guard source != destination else { return }
        try makeDirectories(destination.parent)
        if let destinationInfo = try statIfExists(absolute(destination)),
            destinationInfo.st_dev == sourceInfo.st_dev, destinationInfo.st_ino == sourceInfo.st_ino
        {
            // rename() between two links of one file (a copy) does nothing; the result must be
            // the destination alone.
            return try delete(source)
        }
        if rename(absolute(source), absolute(destination)) != 0 {
            let code = errno
            throw Self.error(code == ENOENT ? source.string : destination.string, errno: code)
        }
        try carrySidecar(from: source, to: destination, move: true)
        if options.fsync.syncsDirectoryChanges {
            try syncDirectory(absoluteDirectory(destination.parent))
            if source.parent != destination.parent { try syncDirectory(absoluteDirectory(source.parent)) }
        }
    }

    /// Copies a file with its metadata: a hard link when allowed and possible, else the bytes.
    func copy(from source: FSPath, to destination: FSPath, mode: FSCreateMode) throws {
        _ = try statFile(source)
        if source == destination {
            if mode == .failIfExists { throw FSError(kind: .alreadyExists, path: destination.string) }
            return
        }
        try makeDirectories(destination.parent)
        let temporary = temporaryPath(near: destination)
        var linked = false
        if options.hardLinks {
            linked = link(absolute(source), temporary) == 0
            let code = errno
            if !linked && ![EXDEV, EPERM, EMLINK, ENOTSUP, EOPNOTSUPP].contains(code) {
                throw error(absolute(source), errno: code)
            }
        }
        if !linked { try copyBytes(from: source, to: temporary) }
        try publish(temporary, at: destination, mode: mode)
        try carrySidecar(from: source, to: destination, move: false)
        if options.fsync.syncsData { try syncDirectory(absoluteDirectory(destination.parent)) }
    }

    /// Gives `external`, a file of another tree (an absolute path), a name here with a hard link,
    /// replacing `destination`. Returns false when it cannot be linked (hard links off, another
    /// device, links refused, the file gone): the caller writes the bytes itself. Metadata kept
    /// in a sidecar file does not come along.
    func linkExternal(_ external: String, to destination: FSPath) throws -> Bool {
        guard options.hardLinks else { return false }
        let temporary = temporaryPath(near: destination)
        var result = link(external, temporary)
        if result != 0, errno == ENOENT {
            // The destination's directory may be missing (or the file gone: then it fails again).
            try makeDirectories(destination.parent)
            result = link(external, temporary)
        }
        guard result == 0 else {
            let code = errno
            if [EXDEV, EPERM, EMLINK, ENOTSUP, EOPNOTSUPP, ENOENT].contains(code) { return false }
            throw error(external, errno: code)
        }
        try publish(temporary, at: destination, mode: .replace)
        if options.fsync.syncsData { try syncDirectory(absoluteDirectory(destination.parent)) }
        return true
    }

    /// Copies the bytes (and metadata attribute) of `source` to a new temporary file.
    private func copyBytes(from source: FSPath, to temporary: String) throws {
        let sourcePath = absolute(source)
        let input = open(sourcePath, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw error(sourcePath) }
        defer { close(input) }
        let output = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, options.fileMode)
        guard output >= 0 else { throw error(temporary) }
        do {
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count < 0 { throw error(sourcePath) }
                if count == 0 { break }
                try chunk.withUnsafeBytes {
                    try writeAll(output, UnsafeRawBufferPointer(rebasing: $0.prefix(count)), path: temporary)
                }
            }
            if metadataStorage == .extendedAttributes, let bytes = try attributeBytes(sourcePath) {
                if ExtendedAttribute.set(output, bytes) != 0 { throw error(temporary) }
            }
            if options.fsync.syncsData { try syncFile(output, path: temporary) }
            close(output)
        } catch {
            discard(output, temporary)
            throw error
        }
    }
}
