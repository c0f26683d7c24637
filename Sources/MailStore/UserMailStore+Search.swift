import Foundation
import MailMessage

extension UserMailStore {
    /// The UIDs of the messages in `mailbox` that match `query`, ascending.
    /// - Parameter within: only these UIDs are considered (a session's view); all when `nil`.
    public func search(in mailbox: String, _ query: SearchQuery, within: [ClosedRange<UInt32>]? = nil) async throws -> [UInt32] {
        try await matching(in: mailbox, query, within: within).map(\.record.uid)
    }

    /// The UIDs of the messages matching `query`, ordered by `keys`; ties go to the lower UID
    /// (RFC 5256 §3's final tiebreaker, with UIDs in the role of sequence numbers).
    public func sort(in mailbox: String, by keys: [SortKey], _ query: SearchQuery,
                     within: [ClosedRange<UInt32>]? = nil) async throws -> [UInt32] {
        let found = try await matching(in: mailbox, query, within: within)
        // Sort keys read header fields at most: the header cache has them.
        let headers = keys.contains(where: \.needsMessage)
            ? try await self.headers(of: found.filter { $0.message == nil }.map(\.record), in: mailbox) : [:]
        var rows: [(uid: UInt32, values: [SortValue])] = []
        for match in found {
            var message = match.message
            if message == nil, let header = headers[match.record.uid] {
                message = MIMEMessage(parsing: header)
            }
            rows.append((match.record.uid, keys.map { $0.value(of: match.record, message: message) }))
        }
        rows.sort { left, right in
            for (index, key) in keys.enumerated() where left.values[index] != right.values[index] {
                return key.reverse ? right.values[index] < left.values[index] : left.values[index] < right.values[index]
            }
            return left.uid < right.uid
        }
        return rows.map(\.uid)
    }

    /// Those of `records` (already read from `mailbox` of the index) that match `query`, in their order.
    public func search(_ query: SearchQuery, among records: [MessageRecord], in mailbox: String) async throws -> [MessageRecord] {
        try await matching(records, in: mailbox, query).map(\.record)
    }

    /// The matching messages, with the parsed message (or its header alone, which is all a sort
    /// key reads) when the search had to read it.
    private func matching(in mailbox: String, _ query: SearchQuery,
                          within: [ClosedRange<UInt32>]?) async throws -> [(record: MessageRecord, message: MIMEMessage?)] {
        try await matching(try await messages(in: mailbox, uidRanges: within), in: mailbox, query)
    }

    private func matching(_ records: [MessageRecord], in mailbox: String,
                          _ query: SearchQuery) async throws -> [(record: MessageRecord, message: MIMEMessage?)] {
        let now = Int64(Date().timeIntervalSince1970)
        // Keys on header fields alone are answered from the header cache, read in one go for the
        // messages the index alone cannot decide.
        var headers: [UInt32: [UInt8]] = [:]
        if query.needsOnlyHeader {
            let undecided = records.filter { SearchEvaluator.answerFromIndex(query, record: $0, now: now) == nil }
            headers = try await self.headers(of: undecided, in: mailbox)
        }
        var result: [(record: MessageRecord, message: MIMEMessage?)] = []
        for record in records {
            let loaded = LoadedMessage()
            var evaluator = SearchEvaluator(record: record, now: now) { [headers] in
                let bytes: [UInt8]
                if let header = headers[record.uid] { bytes = header } else { bytes = try await self.body(of: record) }
                let message = MIMEMessage(parsing: bytes)
                loaded.message = message
                return message
            }
            if try await evaluator.matches(query) {
                result.append((record, loaded.message))
            }
        }
        return result
    }
}

/// Holds the message a search parsed so a sort can reuse it.
private final class LoadedMessage {
    var message: MIMEMessage?
}
