/// Which page of which directory ``FileSystem/list(_:)`` returns.
///
/// Listing is shaped like S3's `ListObjectsV2` with delimiter `/`: one level of one directory,
/// names filtered by a prefix, sorted by their UTF-8 bytes, in pages that continue after the last
/// name of the previous page. Listing a directory that does not exist returns an empty page.
public struct FSListRequest: Sendable, Hashable {
    /// The directory to list; `nil` lists the root.
    public var directory: FSPath?
    /// Only names that start with this string are returned.
    public var namePrefix: String
    /// Only names that sort after this one are returned (the previous page's ``FSListPage/nextStartAfter``).
    public var startAfter: String?
    /// The maximum number of entries in the page.
    public var limit: Int

    /// Creates a request.
    public init(directory: FSPath? = nil, namePrefix: String = "", startAfter: String? = nil, limit: Int = 1000) {
        precondition(limit > 0, "a list page holds at least one entry")
        self.directory = directory
        self.namePrefix = namePrefix
        self.startAfter = startAfter
        self.limit = limit
    }

    /// Whether `name` passes the prefix and start-after filters.
    func admits(_ name: String) -> Bool {
        guard name.hasPrefix(namePrefix) else { return false }
        guard let startAfter else { return true }
        return startAfter.utf8.lexicographicallyPrecedes(name.utf8)
    }
}
