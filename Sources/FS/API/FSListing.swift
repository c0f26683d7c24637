/// The entries of one directory as an asynchronous sequence, fetched page by page as it is iterated,
/// so a directory of any size is walked in bounded memory.
public struct FSListing: AsyncSequence, Sendable {
    public typealias Element = FSListEntry

    private let fileSystem: any FileSystem
    private let request: FSListRequest

    init(fileSystem: any FileSystem, request: FSListRequest) {
        self.fileSystem = fileSystem
        self.request = request
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fileSystem: fileSystem, request: request)
    }

    /// Yields the current page's entries, then asks for the next page.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private let fileSystem: any FileSystem
        private var request: FSListRequest?
        private var page: IndexingIterator<[FSListEntry]> = [].makeIterator()

        init(fileSystem: any FileSystem, request: FSListRequest) {
            self.fileSystem = fileSystem
            self.request = request
        }

        public mutating func next() async throws -> FSListEntry? {
            while true {
                if let entry = page.next() { return entry }
                guard let current = request else { return nil }
                let fetched = try await fileSystem.list(current)
                page = fetched.entries.makeIterator()
                request = fetched.nextStartAfter.map { next in
                    var following = current
                    following.startAfter = next
                    return following
                }
            }
        }
    }
}

extension FileSystem {
    /// The entries of a directory, sorted by name, fetched in pages as the sequence is iterated.
    /// - Parameters:
    ///   - directory: The directory; `nil` is the root.
    ///   - namePrefix: Only names starting with this string.
    ///   - pageSize: Entries fetched per ``FileSystem/list(_:)`` call.
    public func entries(in directory: FSPath?, namePrefix: String = "", pageSize: Int = 1000) -> FSListing {
        FSListing(
            fileSystem: self,
            request: FSListRequest(directory: directory, namePrefix: namePrefix, limit: pageSize)
        )
    }
}
