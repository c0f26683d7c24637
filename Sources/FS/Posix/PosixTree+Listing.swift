#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension PosixTree {
    /// The visible entries of a directory (empty when it does not exist). Temporary files older
    /// than the stale age are deleted on the way, as Dovecot cleans `tmp/` when it scans.
    func entries(of directory: FSPath?) throws -> [FSListEntry] {
        let directoryPath = absoluteDirectory(directory)
        guard let stream = opendir(directoryPath) else {
            if errno == ENOENT { return [] }
            throw error(directoryPath)
        }
        defer { closedir(stream) }
        var entries: [FSListEntry] = []
        while let entry = readdir(stream) {
            let name = Self.name(of: entry)
            if name == "." || name == ".." { continue }
            let full = directoryPath + "/" + name
            if name.hasPrefix(".temp.") {
                try removeIfStale(full)
                continue
            }
            if FSPath.reservedPrefixes.contains(where: { name.hasPrefix($0) }) { continue }
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): entries.append(FSListEntry(name: name, kind: .directory))
            case Int32(DT_REG): entries.append(FSListEntry(name: name, kind: .file))
            default:
                guard let info = try statIfExists(full) else { continue }
                if info.isDirectory { entries.append(FSListEntry(name: name, kind: .directory)) }
                if info.isRegularFile { entries.append(FSListEntry(name: name, kind: .file)) }
            }
        }
        return entries
    }

    /// Deletes the temporary files older than the stale age under `directory`, at any depth.
    /// - Returns: How many were deleted.
    func removeStaleTemporaryFiles(under directory: FSPath?) throws -> Int {
        var removed = 0
        var pending = [absoluteDirectory(directory)]
        while let directoryPath = pending.popLast() {
            guard let stream = opendir(directoryPath) else {
                if errno == ENOENT { continue }
                throw error(directoryPath)
            }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = Self.name(of: entry)
                if name == "." || name == ".." { continue }
                let full = directoryPath + "/" + name
                if name.hasPrefix(".temp.") {
                    if try removeIfStale(full) { removed += 1 }
                } else if try statIfExists(full)?.isDirectory == true {
                    pending.append(full)
                }
            }
        }
        return removed
    }

    private static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafePointer(to: entry.pointee.d_name) { pointer in
            pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
        }
    }

    /// Deletes a temporary file whose modification time is older than the stale age.
    @discardableResult
    private func removeIfStale(_ absolutePath: String) throws -> Bool {
        guard let info = try statIfExists(absolutePath), info.isRegularFile else { return false }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let age = .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec) - info.modificationTime
        guard age > options.staleTemporaryFileAge else { return false }
        try unlinkIfExists(absolutePath)
        return true
    }
}
