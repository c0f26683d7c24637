/// One page of a directory listing.
public struct FSListPage: Sendable, Hashable {
    /// The entries, sorted by the UTF-8 bytes of their names.
    public var entries: [FSListEntry]
    /// Where the next page starts (pass it as ``FSListRequest/startAfter``), or `nil` when this is the last page.
    public var nextStartAfter: String?

    /// Creates a page.
    public init(entries: [FSListEntry], nextStartAfter: String?) {
        self.entries = entries
        self.nextStartAfter = nextStartAfter
    }

    /// Sorts `candidates`, applies the request's filters and cuts one page.
    static func cut(_ candidates: [FSListEntry], for request: FSListRequest) -> FSListPage {
        let sorted = candidates.filter { request.admits($0.name) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        guard sorted.count > request.limit else { return FSListPage(entries: sorted, nextStartAfter: nil) }
        let page = Array(sorted.prefix(request.limit))
        return FSListPage(entries: page, nextStartAfter: page.last?.name)
    }
}
