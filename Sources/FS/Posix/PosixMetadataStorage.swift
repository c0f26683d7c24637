/// Where the posix backend keeps a file's ``FSMetadata``.
///
/// Extended attributes are preferred: set on the temporary file before commit, they become
/// visible atomically with it, travel with hard links (copy) and renames, and cost no extra
/// files. Some file systems (older tmpfs, some network and FUSE file systems) refuse user
/// attributes, so a sidecar file is the fallback.
public enum PosixMetadataStorage: Sendable, Hashable {
    /// Probe the root at open: extended attributes if they work there, else sidecar files.
    case automatic
    /// One extended attribute, `user.columba.metadata`, holding `key=value` lines.
    case extendedAttributes
    /// A hidden file `.meta.<name>` next to each file, holding `key=value` lines, written after
    /// the file's commit. Not atomic with the file: after a crash a file may lack its metadata
    /// (read as empty). Names longer than 249 bytes cannot have one.
    case sidecarFiles
}
