/// The mixed workload: after LOGIN, each round walks these steps in order, taking each with its
/// probability in percent; the round ends with LOGOUT (then a new connection) with LOGOUT's
/// probability, else the next round starts on the same connection. Modelled on imaptest's states
/// and default probabilities, with SEARCH at 50 instead of 0 so that its answers get checked.
public struct MixedProfile: Sendable, Equatable {
    public enum Step: String, CaseIterable, Sendable {
        /// `LIST "" "*"`; INBOX must be listed.
        case list
        /// `SELECT INBOX` (always in a connection's first round).
        case select
        /// `UID FETCH` of up to 10 messages' flags, size and some header fields.
        case fetch
        /// `UID FETCH` of one whole message.
        case fetch2
        /// `UID SEARCH` with one of a few criteria.
        case search
        /// `UID STORE +FLAGS` of a flag on up to 5 messages.
        case store
        /// `UID STORE +FLAGS.SILENT (\Deleted)` on one message.
        case delete
        /// `EXPUNGE`.
        case expunge
        /// `APPEND` of a message to INBOX.
        case append
        /// `STATUS INBOX`.
        case status
        /// `NOOP`.
        case noop
        /// `LOGOUT`, ending the connection.
        case logout
    }

    /// Probability in percent of each step per round.
    public var weights: [Step: Int]

    /// imaptest's defaults (SEARCH raised from 0 to 50).
    public static let standard = MixedProfile(weights: [
        .list: 50, .select: 100, .fetch: 100, .fetch2: 100, .search: 50, .store: 50,
        .delete: 100, .expunge: 100, .append: 100, .status: 50, .noop: 0, .logout: 100,
    ])

    public init(weights: [Step: Int]) {
        self.weights = weights
    }

    /// The standard profile with changes written `step=percent,step=percent` (e.g. `search=0,noop=20`).
    public init(overriding changes: String) throws(CheckFailure) {
        self = .standard
        for item in changes.split(separator: ",") {
            let parts = item.split(separator: "=")
            guard parts.count == 2, let step = Step(rawValue: parts[0].lowercased()),
                  let weight = Int(parts[1]), (0...100).contains(weight)
            else {
                throw CheckFailure("bad weight \"\(item)\": expected STEP=PERCENT with STEP one of "
                    + Step.allCases.map(\.rawValue).joined(separator: ", "))
            }
            weights[step] = weight
        }
    }

    public func weight(of step: Step) -> Int {
        weights[step] ?? 0
    }
}
