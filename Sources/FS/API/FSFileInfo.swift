/// What ``FileSystem/stat(_:)`` tells about a committed file.
public struct FSFileInfo: Sendable, Hashable {
    /// The size in bytes.
    public var size: Int64
    /// The time of the last modification (for posix the mtime; for object stores the upload time),
    /// as a duration since the Unix epoch.
    public var modificationTime: Duration

    /// Creates a file description.
    public init(size: Int64, modificationTime: Duration) {
        self.size = size
        self.modificationTime = modificationTime
    }
}
