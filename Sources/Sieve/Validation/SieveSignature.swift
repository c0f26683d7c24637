/// What a command or test accepts: tagged arguments, positional arguments, tests, a block, and
/// the extension that must be required to use it.
struct SieveSignature: Sendable {
    /// The type of an argument; a single string also serves where a string list is expected.
    enum ArgumentType: Sendable {
        case string
        case stringList
        case number

        func accepts(_ value: SieveArgument.Value) -> Bool {
            switch (value, self) {
            case (.string, .string), (.string, .stringList), (.stringList, .stringList), (.number, .number): true
            default: false
            }
        }

        var description: String {
            switch self {
            case .string: "a string"
            case .stringList: "a string list"
            case .number: "a number"
            }
        }
    }

    /// One tag a command or test accepts.
    struct Tag: Sendable {
        /// What follows the tag, if anything.
        var value: ArgumentType?
        /// Tags of the same group exclude each other (a match type, an address part).
        var group: String?
        /// The extension the tag needs beyond the command's own.
        var requires: String?
    }

    enum Tests: Sendable {
        case none
        case one
        case list
    }

    var positional: [ArgumentType]
    var tags: [String: Tag] = [:]
    var tests: Tests = .none
    var block: Bool = false
    var requires: String?
    /// The first positional argument may be left out (the variable of imap4flags' commands, the
    /// mailbox of `specialuse_exists`).
    var optionalFirst: Bool = false
}

extension SieveSignature {
    /// :comparator and the match types of RFC 5228 §2.7, with :regex (draft-ietf-sieve-regex) and
    /// :count/:value (RFC 5231) when their extensions are required.
    static let matching: [String: Tag] = [
        "comparator": Tag(value: .string),
        "is": Tag(value: nil, group: "match-type"),
        "contains": Tag(value: nil, group: "match-type"),
        "matches": Tag(value: nil, group: "match-type"),
        "regex": Tag(value: nil, group: "match-type", requires: "regex"),
        "count": Tag(value: .string, group: "match-type", requires: "relational"),
        "value": Tag(value: .string, group: "match-type", requires: "relational"),
    ]

    /// `:index n [:last]` of RFC 5260 §6, for header, address and date.
    static let indexing: [String: Tag] = [
        "index": Tag(value: .number, requires: "index"),
        "last": Tag(value: nil, requires: "index"),
    ]

    /// `:mime` and `:anychild` of RFC 5703 §4 for header, address and exists.
    static let mimeTags: [String: Tag] = [
        "mime": Tag(value: nil, requires: "mime"),
        "anychild": Tag(value: nil, requires: "mime"),
    ]

    /// The options of `header :mime` (RFC 5703 §4.2).
    static let mimeOptions: [String: Tag] = [
        "type": Tag(value: nil, group: "mime-option", requires: "mime"),
        "subtype": Tag(value: nil, group: "mime-option", requires: "mime"),
        "contenttype": Tag(value: nil, group: "mime-option", requires: "mime"),
        "param": Tag(value: .stringList, group: "mime-option", requires: "mime"),
    ]

    /// The modifiers of `set` (RFC 5229 §4), which `extracttext` takes too.
    static let setModifiers: [String: Tag] = [
        "lower": Tag(value: nil, group: "case"), "upper": Tag(value: nil, group: "case"),
        "lowerfirst": Tag(value: nil, group: "first"), "upperfirst": Tag(value: nil, group: "first"),
        "quotewildcard": Tag(value: nil), "length": Tag(value: nil),
        "encodeurl": Tag(value: nil, requires: "enotify"),
    ]

    /// The address parts of RFC 5228 §2.7.4, with :user/:detail from RFC 5233.
    static let addressParts: [String: Tag] = [
        "all": Tag(value: nil, group: "address-part"),
        "localpart": Tag(value: nil, group: "address-part"),
        "domain": Tag(value: nil, group: "address-part"),
        "user": Tag(value: nil, group: "address-part", requires: "subaddress"),
        "detail": Tag(value: nil, group: "address-part", requires: "subaddress"),
    ]

    /// The commands of RFC 5228 and the action extensions built on it.
    static let commands: [String: SieveSignature] = [
        "require": SieveSignature(positional: [.stringList]),
        "if": SieveSignature(positional: [], tests: .one, block: true),
        "elsif": SieveSignature(positional: [], tests: .one, block: true),
        "else": SieveSignature(positional: [], block: true),
        "stop": SieveSignature(positional: []),
        "keep": SieveSignature(positional: [], tags: ["flags": Tag(value: .stringList, requires: "imap4flags")]),
        "discard": SieveSignature(positional: []),
        "redirect": SieveSignature(positional: [.string], tags: ["copy": Tag(value: nil, requires: "copy")]),
        "fileinto": SieveSignature(
            positional: [.string],
            tags: [
                "copy": Tag(value: nil, requires: "copy"),
                "flags": Tag(value: .stringList, requires: "imap4flags"),
                "create": Tag(value: nil, requires: "mailbox"),
                "specialuse": Tag(value: .string, requires: "special-use"),
            ],
            requires: "fileinto"
        ),
        "reject": SieveSignature(positional: [.string], requires: "reject"),
        "error": SieveSignature(positional: [.string], requires: "ihave"),
        "set": SieveSignature(positional: [.string, .string], tags: setModifiers, requires: "variables"),
        "foreverypart": SieveSignature(positional: [], tags: ["name": Tag(value: .string)], block: true,
                                       requires: "foreverypart"),
        "break": SieveSignature(positional: [], tags: ["name": Tag(value: .string)], requires: "foreverypart"),
        "extracttext": SieveSignature(
            positional: [.string],
            tags: setModifiers.merging(["first": Tag(value: .number)]) { $1 },
            requires: "extracttext"
        ),
        "vacation": SieveSignature(
            positional: [.string],
            tags: [
                "days": Tag(value: .number, group: "interval"),
                "seconds": Tag(value: .number, group: "interval", requires: "vacation-seconds"),
                "subject": Tag(value: .string), "from": Tag(value: .string), "addresses": Tag(value: .stringList),
                "mime": Tag(value: nil), "handle": Tag(value: .string),
            ],
            requires: "vacation"
        ),
        "addheader": SieveSignature(positional: [.string, .string], tags: ["last": Tag(value: nil)], requires: "editheader"),
        "deleteheader": SieveSignature(
            positional: [.string, .stringList],
            tags: matching.merging(["index": Tag(value: .number), "last": Tag(value: nil)]) { $1 },
            requires: "editheader"
        ),
        // [<variablename: string>] <list-of-flags: string-list> (RFC 5232 §4).
        "setflag": SieveSignature(positional: [.string, .stringList], requires: "imap4flags", optionalFirst: true),
        "addflag": SieveSignature(positional: [.string, .stringList], requires: "imap4flags", optionalFirst: true),
        "removeflag": SieveSignature(positional: [.string, .stringList], requires: "imap4flags", optionalFirst: true),
        "ereject": SieveSignature(positional: [.string], requires: "ereject"),
        "include": SieveSignature(
            positional: [.string],
            tags: [
                "personal": Tag(value: nil, group: "location"), "global": Tag(value: nil, group: "location"),
                "once": Tag(value: nil), "optional": Tag(value: nil),
            ],
            requires: "include"
        ),
        "return": SieveSignature(positional: [], requires: "include"),
        "notify": SieveSignature(
            positional: [.string],
            tags: [
                "from": Tag(value: .string), "importance": Tag(value: .string),
                "options": Tag(value: .stringList), "message": Tag(value: .string),
            ],
            requires: "enotify"
        ),
        "global": SieveSignature(positional: [.stringList], requires: "include"),
    ]

    /// The tests of RFC 5228.
    static let tests: [String: SieveSignature] = [
        "address": SieveSignature(positional: [.stringList, .stringList],
                                  tags: matching.merging(addressParts) { $1 }.merging(indexing) { $1 }.merging(mimeTags) { $1 }),
        "envelope": SieveSignature(positional: [.stringList, .stringList], tags: matching.merging(addressParts) { $1 },
                                   requires: "envelope"),
        "header": SieveSignature(
            positional: [.stringList, .stringList],
            tags: matching.merging(indexing) { $1 }.merging(mimeTags) { $1 }.merging(mimeOptions) { $1 }
        ),
        "exists": SieveSignature(positional: [.stringList], tags: mimeTags),
        "body": SieveSignature(
            positional: [.stringList],
            tags: matching.merging([
                "raw": Tag(value: nil, group: "transform"),
                "text": Tag(value: nil, group: "transform"),
                "content": Tag(value: .stringList, group: "transform"),
            ]) { $1 },
            requires: "body"
        ),
        "size": SieveSignature(positional: [.number], tags: [
            "over": Tag(value: nil, group: "size"), "under": Tag(value: nil, group: "size"),
        ]),
        "allof": SieveSignature(positional: [], tests: .list),
        "anyof": SieveSignature(positional: [], tests: .list),
        "not": SieveSignature(positional: [], tests: .one),
        // [<variable-list: string-list>] <list-of-flags: string-list> (RFC 5232 §5).
        "hasflag": SieveSignature(positional: [.stringList, .stringList], tags: matching, requires: "imap4flags",
                                  optionalFirst: true),
        "string": SieveSignature(positional: [.stringList, .stringList], tags: matching, requires: "variables"),
        "date": SieveSignature(
            positional: [.string, .string, .stringList],
            tags: matching.merging(["zone": Tag(value: .string, group: "zone"), "originalzone": Tag(value: nil, group: "zone")]) { $1 }
                .merging(indexing) { $1 },
            requires: "date"
        ),
        "currentdate": SieveSignature(
            positional: [.string, .stringList],
            tags: matching.merging(["zone": Tag(value: .string)]) { $1 },
            requires: "date"
        ),
        "environment": SieveSignature(positional: [.string, .stringList], tags: matching, requires: "environment"),
        "mailboxexists": SieveSignature(positional: [.stringList], requires: "mailbox"),
        // specialuse_exists [<mailbox: string>] <special-use-attrs: string-list> (RFC 8579 §3).
        "specialuse_exists": SieveSignature(positional: [.string, .stringList], requires: "special-use", optionalFirst: true),
        "ihave": SieveSignature(positional: [.stringList], requires: "ihave"),
        "spamtest": SieveSignature(positional: [.string], tags: matching.merging(["percent": Tag(value: nil, requires: "spamtestplus")]) { $1 },
                                   requires: "spamtest"),
        "virustest": SieveSignature(positional: [.string], tags: matching, requires: "virustest"),
        "duplicate": SieveSignature(
            positional: [],
            tags: [
                "handle": Tag(value: .string), "header": Tag(value: .string, group: "id"),
                "uniqueid": Tag(value: .string, group: "id"), "seconds": Tag(value: .number), "last": Tag(value: nil),
            ],
            requires: "duplicate"
        ),
        "valid_notify_method": SieveSignature(positional: [.stringList], requires: "enotify"),
        "notify_method_capability": SieveSignature(positional: [.string, .string, .stringList], tags: matching,
                                                   requires: "enotify"),
        "true": SieveSignature(positional: []),
        "false": SieveSignature(positional: []),
    ]

    /// Extensions a script may require in this version: only those the interpreter runs.
    static let knownExtensions: Set<String> = [
        "fileinto", "reject", "ereject", "envelope", "copy", "imap4flags", "mailbox", "subaddress", "variables",
        "relational", "body", "vacation", "vacation-seconds", "regex", "encoded-character", "date", "environment", "index", "editheader",
        "spamtest", "spamtestplus", "virustest", "ihave", "include", "duplicate", "special-use", "enotify", "mime", "foreverypart", "extracttext",
        "comparator-i;ascii-numeric", "comparator-i;unicode-casemap",
    ]

    /// Tags followed by a value.
    static let valueTags: Set<String> = Set(
        [commands, tests, testsuiteCommands, testsuiteTests].flatMap { $0.values.flatMap(\.tags) }
            .filter { $0.value.value != nil }.map(\.key)
    )
}
