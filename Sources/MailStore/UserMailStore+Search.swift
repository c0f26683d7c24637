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
        let needsMessage = keys.contains(where: \.needsMessage)
        var rows: [(uid: UInt32, values: [SortValue])] = []
        for match in found {
            var message = match.message
            if needsMessage, message == nil {
                message = MIMEMessage(parsing: try await body(of: match.record))
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

    /// Those of `records` (already read from the index) that match `query`, in their order.
    public func search(_ query: SearchQuery, among records: [MessageRecord]) async throws -> [MessageRecord] {
        try await matching(records, query).map(\.record)
    }

    /// The matching messages, with the parsed message when the search had to read it.
    private func matching(in mailbox: String, _ query: SearchQuery,
                          within: [ClosedRange<UInt32>]?) async throws -> [(record: MessageRecord, message: MIMEMessage?)] {
        try await matching(try await messages(in: mailbox, uidRanges: within), query)
    }

    private func matching(_ records: [MessageRecord], _ query: SearchQuery) async throws -> [(record: MessageRecord, message: MIMEMessage?)] {
        let now = Int64(Date().timeIntervalSince1970)
        var result: [(record: MessageRecord, message: MIMEMessage?)] = []
        for record in records {
            let loaded = LoadedMessage()
            var evaluator = SearchEvaluator(record: record, now: now) {
                let message = MIMEMessage(parsing: try await self.body(of: record))
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
