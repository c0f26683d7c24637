/// What ``FileSystem/createWriter(_:mode:metadata:)`` does when the file already exists at commit.
public enum FSCreateMode: Sendable, Hashable {
    /// Commit fails with ``FSError/Kind/alreadyExists`` if the file exists (an atomic no-clobber
    /// create: posix `link()`, S3 `If-None-Match: *`). Among racing creators exactly one wins.
    case failIfExists
    /// Commit atomically replaces an existing file (posix `rename()`, S3 plain `PUT`).
    case replace
}
