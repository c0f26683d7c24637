/// When the posix backend calls `fsync()`, trading durability for speed (Dovecot's `fsync_mode`).
public enum FsyncPolicy: Sendable, Hashable {
    /// Every change is durable when its call returns: commit fsyncs the file and its directory,
    /// new directories are fsynced into their parents, and copy, rename and delete fsync the
    /// directories they change.
    case always
    /// What the durability contract needs: commit fsyncs the file and its directory, copy fsyncs
    /// the destination directory. New parent directories, renames and deletes are not fsynced, so a
    /// crash may undo a rename or delete, or (on file systems that do not order metadata) lose a
    /// directory created just before.
    case optimized
    /// Never fsync (tests, scratch data). A crash may lose committed files.
    case never

    /// Whether commit fsyncs the file and its directory (and copy its destination directory).
    var syncsData: Bool { self != .never }
    /// Whether directory changes that create no data (mkdir, rename, delete) are fsynced.
    var syncsDirectoryChanges: Bool { self == .always }
}
