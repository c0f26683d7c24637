/// What a command got back: the untagged responses in arrival order, the tagged completion, and
/// the time from sending the command to reading its completion.
public struct CommandResult: Sendable {
    public var untagged: [IMAPResponse]
    public var completion: StatusResponse
    public var elapsed: Duration

    public init(untagged: [IMAPResponse], completion: StatusResponse, elapsed: Duration) {
        self.untagged = untagged
        self.completion = completion
        self.elapsed = elapsed
    }

    /// The untagged data responses, without the status ones.
    public var data: [UntaggedData] {
        untagged.compactMap { response in
            if case .untaggedData(let data) = response { return data }
            return nil
        }
    }

    /// The untagged status responses (`* OK [UIDVALIDITY 1] ...`, `* BYE ...`).
    public var statuses: [StatusResponse] {
        untagged.compactMap { response in
            if case .untaggedStatus(let status) = response { return status }
            return nil
        }
    }
}
