import Foundation

/// Crash-safe file changes: a file is replaced by renaming a fully written, synced temporary file
/// over it, and the folder is synced after a rename or removal so the change survives a crash.
public enum AtomicFile {
    /// Replaces (or creates) `path` with `data`, mode 0600.
    public static func write(_ data: Data, to path: String) throws(SieveScriptStoreError) {
        let temporary = "\(path).tmp.\(UUID().uuidString)"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot create \(temporary)") }
        let written = (try? FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: data)) != nil
        let synced = written && fsync(descriptor) == 0
        let error = failure("cannot write \(temporary)")
        close(descriptor)
        guard synced else {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure("cannot replace \(path)")
            unlink(temporary)
            throw error
        }
        try syncDirectory(of: path)
    }

    /// Removes `path` if it exists.
    public static func remove(_ path: String) throws(SieveScriptStoreError) {
        guard unlink(path) == 0 else {
            if errno == ENOENT { return }
            throw failure("cannot remove \(path)")
        }
        try syncDirectory(of: path)
    }

    private static func syncDirectory(of path: String) throws(SieveScriptStoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let descriptor = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("cannot open \(directory)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure("cannot sync \(directory)") }
    }

    private static func failure(_ what: String) -> SieveScriptStoreError {
        SieveScriptStoreError(.io, "\(what): \(String(cString: strerror(errno)))")
    }
}
