import NIOCore

/// Checks of a command's answer against what was asked and against the client's mailbox view.
/// Pure: they take the parsed ``CommandResult`` and throw a ``CheckFailure``.
public enum ResponseChecks {
    /// The completion must be a tagged OK.
    public static func expectOK(_ result: CommandResult, command: String) throws(CheckFailure) {
        guard result.completion.kind == .ok else {
            throw CheckFailure("\(command) answered \(result.completion.kind.rawValue) \(result.completion.text)")
        }
        if let bye = result.statuses.first(where: { $0.kind == .bye }), command != "LOGOUT" {
            throw CheckFailure("BYE during \(command): \(bye.text)")
        }
    }

    /// SELECT's answer: OK [READ-WRITE], one EXISTS, UIDVALIDITY. Returns the new mailbox view.
    public static func selected(_ result: CommandResult) throws(CheckFailure) -> MailboxModel {
        try expectOK(result, command: "SELECT")
        guard result.completion.codeWords.first?.uppercased() == "READ-WRITE" else {
            throw CheckFailure("SELECT completed without [READ-WRITE]")
        }
        var exists: Int?
        for case .exists(let count) in result.data {
            exists = count
        }
        guard let exists else { throw CheckFailure("SELECT without EXISTS") }
        let validity = result.statuses.lazy.map(\.codeWords).first { $0.first?.uppercased() == "UIDVALIDITY" }
        guard let validity, validity.count == 2, let value = UInt32(validity[1]), value > 0 else {
            throw CheckFailure("SELECT without a valid [UIDVALIDITY n]")
        }
        return MailboxModel(exists: exists, uidValidity: value)
    }

    /// Applies every untagged response to `model` in order; returns the UIDs expunged meanwhile.
    @discardableResult
    public static func apply(_ result: CommandResult, to model: inout MailboxModel) throws(CheckFailure) -> Set<UInt32> {
        var expunged: Set<UInt32> = []
        for data in result.data {
            if let uid = try model.apply(data) {
                expunged.insert(uid)
            }
        }
        return expunged
    }

    /// What a UID FETCH or UID STORE asked for, to hold its FETCH answers to.
    public struct FetchExpectation: Sendable {
        /// The UIDs asked for.
        public var uids: Set<UInt32>
        /// Item names each answer must carry, matched as prefixes of the upper-cased names
        /// (`BODY[HEADER.FIELDS` matches however the server spells the field list).
        public var items: [String]
        /// A flag the FLAGS item must contain (after STORE +FLAGS).
        public var flag: String?
        /// Whether every UID asked for must be answered: true when no other client can expunge
        /// from the mailbox unseen (the server may skip messages expunged elsewhere).
        public var complete: Bool

        public init(uids: Set<UInt32>, items: [String], flag: String? = nil, complete: Bool) {
            self.uids = uids
            self.items = items
            self.flag = flag
            self.complete = complete
        }
    }

    /// Applies a UID FETCH/STORE answer to `model` and checks its FETCH responses. A response
    /// with a UID asked for is an answer (a server may split one message's answer over several);
    /// a response with data items but a UID not asked for, or none, is wrong; one with only FLAGS
    /// (and UID) for another message is an unsolicited update. Each answer must have all the
    /// items asked for, a FLAGS list holding `flag`, a body as long as RFC822.SIZE says; and
    /// (when `complete`) every UID asked for that was not expunged meanwhile must be answered.
    public static func checkFetch(_ result: CommandResult, expecting expectation: FetchExpectation,
                                  model: inout MailboxModel) throws(CheckFailure) {
        var answers: [UInt32: [String: IMAPValue]] = [:]
        var expunged: Set<UInt32> = []
        for data in result.data {
            if let uid = try model.apply(data) { expunged.insert(uid) }
            guard case .fetch(let sequence, let attributes) = data else { continue }
            let uid = attributes["UID"]?.number.map(UInt32.init)
            if let uid, expectation.uids.contains(uid) {
                answers[uid, default: [:]].merge(attributes) { _, new in new }
                continue
            }
            if attributes.keys.contains(where: { $0 != "UID" && $0 != "FLAGS" }) {
                throw CheckFailure("FETCH data for message \(sequence) " + (uid.map { "with UID \($0), which was not asked for" } ?? "without UID"))
            }
        }
        for (uid, attributes) in answers {
            for item in expectation.items where !attributes.keys.contains(where: { $0.hasPrefix(item) }) {
                throw CheckFailure("FETCH for UID \(uid) lacks \(item)")
            }
            try checkItems(attributes, uid: uid, flag: expectation.flag)
        }
        if expectation.complete {
            let missing = expectation.uids.subtracting(answers.keys).subtracting(expunged).sorted()
            if let first = missing.first {
                throw CheckFailure("no FETCH answer for UID \(first)" + (missing.count > 1 ? " and \(missing.count - 1) more" : ""))
            }
        }
    }

    private static func checkItems(_ attributes: [String: IMAPValue], uid: UInt32, flag: String?) throws(CheckFailure) {
        if let flags = attributes["FLAGS"] {
            guard let list = flags.atoms else { throw CheckFailure("FLAGS of UID \(uid) is not a list of flags") }
            if let flag, !list.contains(where: { $0.equalsIgnoringCase(flag) }) {
                throw CheckFailure("FLAGS of UID \(uid) lacks \(flag) after STORE")
            }
        }
        var size: UInt64?
        if let value = attributes["RFC822.SIZE"] {
            guard let number = value.number else { throw CheckFailure("RFC822.SIZE of UID \(uid) is not a number") }
            size = number
        }
        for (name, value) in attributes where name.hasPrefix("BODY[") {
            guard let bytes = value.bytes else { throw CheckFailure("\(name) of UID \(uid) is not a string") }
            if name == "BODY[]", let size, UInt64(bytes.readableBytes) != size {
                throw CheckFailure("BODY[] of UID \(uid) has \(bytes.readableBytes) bytes, RFC822.SIZE says \(size)")
            }
            if name.hasPrefix("BODY[HEADER"), bytes.readableBytes > 0,
               !bytes.readableBytesView.reversed().starts(with: [UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]) {
                throw CheckFailure("\(name) of UID \(uid) does not end with the blank line")
            }
        }
    }

    /// Applies a UID SEARCH answer to `model` and checks that it has one SEARCH response whose
    /// UIDs are all messages of the mailbox (or were expunged during the command); with
    /// `matchesAll` (SEARCH ALL on a mailbox no one else changes) it must also name every UID known.
    @discardableResult
    public static func checkSearch(_ result: CommandResult, matchesAll: Bool = false,
                                   model: inout MailboxModel) throws(CheckFailure) -> [UInt32] {
        let expunged = try apply(result, to: &model)
        var found: [UInt32]?
        for case .search(let uids) in result.data {
            guard found == nil else { throw CheckFailure("more than one SEARCH response") }
            found = uids
        }
        guard let found else { throw CheckFailure("UID SEARCH without a SEARCH response") }
        let unknownUIDsPossible = model.unknownSequenceRange != nil
        for uid in found where !model.contains(uid: uid) && !expunged.contains(uid) {
            // A message whose UID is not learnt yet may be the one; anything above the highest
            // UID a known message has could be such a message, anything else cannot.
            if unknownUIDsPossible && uid > (model.uids.compactMap { $0 }.max() ?? 0) { continue }
            throw CheckFailure("SEARCH returned UID \(uid), which is not in the mailbox")
        }
        if matchesAll {
            let returned = Set(found)
            if let missing = model.uids.compactMap({ $0 }).first(where: { !returned.contains($0) }) {
                throw CheckFailure("SEARCH ALL did not return UID \(missing)")
            }
        }
        return found
    }

    /// APPEND's completion: with UIDPLUS it must carry `[APPENDUID validity uid]`, with the
    /// mailbox's UIDVALIDITY when known and a UID above every UID seen before. Returns the UID.
    public static func checkAppend(_ result: CommandResult, uidPlus: Bool, uidValidity: UInt32?,
                                   highestUID: UInt32) throws(CheckFailure) -> (validity: UInt32, uid: UInt32)? {
        try expectOK(result, command: "APPEND")
        guard uidPlus else { return nil }
        let words = result.completion.codeWords
        guard words.count == 3, words[0].uppercased() == "APPENDUID",
              let validity = UInt32(words[1]), let uid = UInt32(words[2]), validity > 0, uid > 0
        else {
            throw CheckFailure("APPEND completed without [APPENDUID validity uid] although UIDPLUS is advertised")
        }
        if let uidValidity, validity != uidValidity {
            throw CheckFailure("APPENDUID validity \(validity) differs from UIDVALIDITY \(uidValidity)")
        }
        guard uid > highestUID else {
            throw CheckFailure("APPENDUID \(uid) is not above UID \(highestUID) seen before")
        }
        return (validity, uid)
    }
}

extension String {
    fileprivate func equalsIgnoringCase(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
