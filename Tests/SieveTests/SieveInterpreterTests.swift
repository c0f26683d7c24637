import Foundation
import MailMessage
import Testing

@testable import Sieve

@Suite("Sieve interpreter")
struct SieveInterpreterTests {
    static let message = """
        Return-Path: <bounce@lists.example.org>
        From: "Alice Example" <Alice+News@Example.COM>
        To: bob@example.net, Carol <carol+work@example.net>
        Cc: undisclosed-recipients:;
        Subject: =?UTF-8?Q?Caf=C3=A9_*special*_offer?=
        X-Spam-Score: 7
        List-Id: <ietf-mta-filters.imc.org>

        Hello.

        """.replacingOccurrences(of: "\n", with: "\r\n")

    private func run(_ script: String) throws -> SieveResult {
        try runSieve(script, on: Self.message, from: "bounce@lists.example.org", to: "bob@example.net")
    }

    private func folder(_ script: String, _ into: String = "Matched") -> String {
        "require \"fileinto\";\nif \(script) { fileinto \"\(into)\"; }"
    }

    @Test("an empty script keeps; discard alone discards")
    func implicitKeep() throws {
        #expect(try run("").actions == [.keep(flags: nil)])
        #expect(try run("discard;").actions == [.discard])
        #expect(try run("keep; discard;").actions == [.keep(flags: nil)])
    }

    @Test("tests that should match", arguments: [
        #"header :is "subject" "café *special* offer""#,
        #"header :contains "Subject" "SPECIAL""#,
        #"header :matches "subject" "caf? \*special\* *""#,
        #"header :matches "x-spam-score" "*""#,
        #"header :is :comparator "i;ascii-numeric" "x-spam-score" "07""#,
        #"address :is "from" "alice+news@example.com""#,
        #"address :localpart :is "from" "Alice+News""#,
        #"address :domain :is "to" "EXAMPLE.NET""#,
        #"address :all :is ["cc", "to"] "carol+work@example.net""#,
        #"exists ["List-Id", "x-spam-score"]"#,
        #"size :over 100"#,
        #"size :under 10K"#,
        #"not header :contains "subject" "viagra""#,
        #"allof (true, exists "to")"#,
        #"anyof (false, header :matches "list-id" "<*.imc.org>")"#,
        #"envelope :domain :is "from" "lists.example.org""#,
        #"envelope :localpart :is "to" "bob""#,
    ])
    func matching(test: String) throws {
        var script = test.contains("envelope") ? "require \"envelope\";\n" + folder(test) : folder(test)
        // RFC 5228 §2.7.3: comparators beyond i;octet and i;ascii-casemap are required.
        if test.contains("i;ascii-numeric") { script = "require \"comparator-i;ascii-numeric\";\n" + script }
        #expect(try run(script).actions == [.fileInto(mailbox: "Matched", flags: nil, create: false)])
    }

    @Test("tests that should not match", arguments: [
        #"header :is "subject" "café""#,
        #"header :is :comparator "i;octet" "subject" "CAFÉ *SPECIAL* OFFER""#,
        #"header :matches "subject" "caf? special *""#,
        #"address :is "from" "alice@example.com""#,
        #"address :domain :is "from" "example.net""#,
        #"exists ["List-Id", "X-Nope"]"#,
        #"size :over 10K"#,
        #"header :contains "x-missing" """#,
        #"allof (true, false)"#,
        #"address :is "cc" "undisclosed-recipients""#,
    ])
    func notMatching(test: String) throws {
        #expect(try run(folder(test)).actions == [.keep(flags: nil)])
    }

    @Test("subaddress parts")
    func subaddress() throws {
        let script = """
            require ["fileinto", "subaddress"];
            if address :user :is "from" "alice" { fileinto "User"; }
            if address :detail :is "to" "work" { fileinto "Detail"; }
            """
        #expect(try run(script).actions == [
            .fileInto(mailbox: "User", flags: nil, create: false), .fileInto(mailbox: "Detail", flags: nil, create: false),
        ])
    }

    @Test("if/elsif/else take one branch; stop ends the script")
    func branches() throws {
        let script = """
            require "fileinto";
            if header :is "subject" "nope" { fileinto "A"; }
            elsif exists "list-id" { fileinto "B"; }
            elsif true { fileinto "C"; }
            else { fileinto "D"; }
            if false { fileinto "E"; } else { fileinto "F"; stop; }
            fileinto "G";
            """
        #expect(try run(script).actions == [
            .fileInto(mailbox: "B", flags: nil, create: false), .fileInto(mailbox: "F", flags: nil, create: false),
        ])
    }

    @Test("copy keeps the implicit keep; duplicates merge; fileinto INBOX is keep")
    func actions() throws {
        let script = """
            require ["fileinto", "copy", "imap4flags", "mailbox"];
            fileinto :copy "Archive";
            fileinto "Archive";
            fileinto :create "Archive";
            redirect :copy "a@example.org";
            redirect "A@example.org";
            fileinto :flags "\\\\Seen" "INBOX";
            """
        #expect(try run(script).actions == [
            .fileInto(mailbox: "Archive", flags: nil, create: true),
            .redirect(address: "a@example.org"),
            .keep(flags: ["\\Seen"]),
        ])
        #expect(try run("require [\"copy\"]; redirect :copy \"x@example.org\";").actions == [
            .redirect(address: "x@example.org"), .keep(flags: nil),
        ])
    }

    @Test("reject cancels the keep; combined with fileinto it is a runtime error that keeps")
    func reject() throws {
        #expect(try run("require \"reject\"; reject \"no thanks\";").actions == [.reject(reason: "no thanks", extended: false)])
        let conflicting = try run("require [\"reject\", \"fileinto\"]; fileinto \"X\"; reject \"no\";")
        #expect(conflicting.actions == [.keep(flags: nil)])
        #expect(conflicting.runtimeError != nil)
    }

    @Test(":matches stays linear on hostile patterns")
    func hostileMatches() throws {
        let pattern = String(repeating: "*a", count: 200) + "b"
        let script = folder(#"header :matches "subject" "\#(pattern)""#)
        #expect(try run(script).actions == [.keep(flags: nil)])
    }
}

@Suite("Sieve imap4flags")
struct SieveFlagsTests {
    private func run(_ script: String) throws -> SieveResult {
        try runSieve(script, on: "Subject: test\r\n\r\nbody\r\n")
    }

    @Test("setflag, addflag, removeflag feed keep and fileinto; :flags overrides; hasflag tests")
    func flags() throws {
        let script = """
            require ["imap4flags", "fileinto"];
            setflag "\\\\Seen \\\\flagged";
            addflag ["$Work", "\\\\SEEN"];
            removeflag "\\\\Flagged";
            if hasflag :contains "work" { fileinto "Work"; }
            fileinto :flags "\\\\Answered" "Answered";
            """
        #expect(try run(script).actions == [
            .fileInto(mailbox: "Work", flags: ["\\Seen", "$Work"], create: false),
            .fileInto(mailbox: "Answered", flags: ["\\Answered"], create: false),
        ])
        #expect(try run("require \"imap4flags\"; addflag \"\\\\Deleted\"; keep;").actions == [.keep(flags: ["\\Deleted"])])
        #expect(try run("require \"imap4flags\"; addflag \"$Later\";").actions == [.keep(flags: ["$Later"])])
        #expect(try run("require \"imap4flags\"; if hasflag \"x\" { discard; }").actions == [.keep(flags: nil)])
    }
}

@Suite("Sieve variables")
struct SieveVariablesTests {
    private func run(_ script: String, subject: String = "[announce] Release 2.4 is out") throws -> SieveResult {
        try runSieve(script, on: "From: Bob <bob+lists@example.org>\r\nSubject: \(subject)\r\nList-Id: Dev <dev.lists.example.org>\r\n\r\nbody\r\n")
    }

    @Test("match variables from :matches, shortest for every * but the last")
    func matchVariables() throws {
        let script = """
            require ["variables", "fileinto"];
            if header :matches "List-Id" "*<*.*>" { fileinto "lists/${2}/${1}"; }
            if header :matches "subject" "[*] *" { fileinto "tag-${1}-${0}"; }
            """
        #expect(try run(script).actions == [
            .fileInto(mailbox: "lists/dev/Dev ", flags: nil, create: false),
            .fileInto(mailbox: "tag-announce-[announce] Release 2.4 is out", flags: nil, create: false),
        ])
    }

    @Test("set with modifiers, the string test, and unknown or invalid references")
    func setAndString() throws {
        let script = """
            require ["variables", "fileinto"];
            set "who" "bob";
            set :upperfirst "Who" "${who}";
            set :length "len" "${who}";
            set :quotewildcard "q" "a*b?";
            set :lower :upperfirst "mixed" "hELLO";
            if string :is "${len}" "3" { fileinto "${who}-${len}-${q}-${mixed}-${nope}-${bad-name}-$${who}"; }
            if string :matches "${q}" "a\\\\\\\\*" { fileinto "escaped"; }
            """
        #expect(try run(script).actions == [
            .fileInto(mailbox: "Bob-3-a\\*b\\?-Hello--${bad-name}-$Bob", flags: nil, create: false),
            .fileInto(mailbox: "escaped", flags: nil, create: false),
        ])
    }

    @Test("without require \"variables\" strings are not expanded")
    func noExpansion() throws {
        #expect(try run("require \"fileinto\"; fileinto \"${1}\";").actions == [.fileInto(mailbox: "${1}", flags: nil, create: false)])
    }

    @Test("set and string need the extension; modifiers of one kind conflict")
    func validation() throws {
        #expect(throws: SieveSyntaxError.self) { try SieveScript(compiling: "set \"a\" \"b\";") }
        #expect(throws: SieveSyntaxError.self) {
            try SieveScript(compiling: "require \"variables\"; set :lower :upper \"a\" \"b\";")
        }
    }
}

@Suite("Sieve relational")
struct SieveRelationalTests {
    private func holds(_ test: String) throws -> Bool {
        try sieveTestHolds(test, requiring: ["relational", "comparator-i;ascii-numeric"],
                           on: "To: a@example.org, b@example.org\r\nCc: c@example.org\r\nX-Spam-Score: 12\r\nSubject: mango\r\n\r\nx\r\n")
    }

    @Test("relations that hold", arguments: [
        #"header :value "gt" :comparator "i;ascii-numeric" "x-spam-score" "9""#,
        #"header :value "ge" :comparator "i;ascii-numeric" "x-spam-score" "12""#,
        #"header :value "lt" "subject" "melon""#,
        #"header :value "ne" "subject" "MANGO ""#,
        #"address :count "eq" :comparator "i;ascii-numeric" ["to", "cc"] "3""#,
        #"address :count "gt" :comparator "i;ascii-numeric" "to" "1""#,
        #"header :value "gt" :comparator "i;ascii-numeric" "subject" "999999""#,
    ])
    func holds(test: String) throws {
        #expect(try holds(test))
    }

    @Test("relations that do not hold", arguments: [
        #"header :value "gt" :comparator "i;ascii-numeric" "x-spam-score" "12""#,
        #"header :value "lt" :comparator "i;ascii-numeric" "x-spam-score" "9""#,
        #"header :value "eq" "subject" "melon""#,
        #"address :count "ge" :comparator "i;ascii-numeric" "cc" "2""#,
    ])
    func doesNotHold(test: String) throws {
        #expect(try holds(test) == false)
    }

    @Test("an unknown relation is a compile error at its position")
    func badRelation() {
        let error = #expect(throws: SieveSyntaxError.self) {
            try SieveScript(compiling: "require \"relational\";\nif header :value \"gg\" \"a\" \"b\" { keep; }")
        }
        #expect(error?.description == "2:18: 'gg' is not a relation (gt, ge, lt, le, eq, ne)")
    }
}

@Suite("Sieve body")
struct SieveBodyTests {
    static let message = """
        From: a@example.org
        Subject: mixed
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        Caf=C3=A9 meeting at noon
        --b
        Content-Type: text/html; charset=iso-8859-1

        <p>Invoice attached</p>
        --b
        Content-Type: application/octet-stream
        Content-Transfer-Encoding: base64

        c2VjcmV0IHBheWxvYWQ=
        --b--
        """.replacingOccurrences(of: "\n", with: "\r\n")

    private func hit(_ test: String) throws -> Bool {
        try sieveTestHolds(test, requiring: ["body"], on: Self.message)
    }

    @Test("transforms and content types", arguments: [
        (#"body :contains "café meeting""#, true),
        (#"body :text :contains "invoice""#, true),
        (#"body :contains "secret payload""#, false),
        (#"body :content "application" :contains "secret payload""#, true),
        (#"body :content "text/html" :contains "café""#, false),
        (#"body :content "text/html" :contains "invoice""#, true),
        (#"body :raw :contains "Caf=C3=A9""#, true),
        (#"body :raw :contains "café""#, false),
        (#"body :content "" :contains "secret""#, true),
    ] as [(String, Bool)])
    func transforms(test: String, expected: Bool) throws {
        #expect(try hit(test) == expected)
    }
}

@Suite("Sieve vacation")
struct SieveVacationTests {
    private func run(
        _ script: String,
        headers: String = "To: Me <me@example.org>\r\nSubject: Lunch?\r\nMessage-ID: <1@example.net>\r\n",
        from: String = "friend@example.net"
    ) throws -> SieveResult {
        try runSieve(script, on: "From: friend@example.net\r\n\(headers)\r\nHi\r\n", from: from, to: "me@example.org")
    }

    private func vacation(_ result: SieveResult) -> VacationResponse? {
        for case .vacation(let response) in result.actions { return response }
        return nil
    }

    @Test("a reply to a personal message, keeping the message; defaults from RFC 5230")
    func reply() throws {
        let result = try run("require \"vacation\"; vacation \"I am away.\";")
        let response = try #require(vacation(result))
        #expect(response.recipient == "friend@example.net")
        #expect(response.subject == "Auto: Lunch?")
        #expect(response.reason == "I am away.")
        #expect(response.interval == 7 * 86_400)
        #expect(response.inReplyTo == "<1@example.net>")
        #expect(result.actions.contains(.keep(flags: nil)))
    }

    @Test("days, seconds, subject, from, handle, addresses")
    func options() throws {
        let days = try #require(vacation(try run("require \"vacation\"; vacation :days 3 :subject \"Away\" :from \"boss@example.org\" :handle \"h1\" \"x\";")))
        #expect(days.interval == 3 * 86_400)
        #expect(days.subject == "Away")
        #expect(days.from == "boss@example.org")
        #expect(days.handle == "h1")
        let seconds = try #require(vacation(try run("require \"vacation-seconds\"; vacation :seconds 60 \"x\";")))
        #expect(seconds.interval == 60)
        let alias = try run("require \"vacation\"; vacation :addresses \"alias@example.org\" \"x\";",
                            headers: "To: alias@example.org\r\n")
        #expect(vacation(alias) != nil)
    }

    @Test("no reply to lists, automatic mail, bounces, or mail not addressed to me", arguments: [
        ("To: me@example.org\r\nList-Id: <dev.example.net>\r\n", "friend@example.net"),
        ("To: me@example.org\r\nPrecedence: bulk\r\n", "friend@example.net"),
        ("To: me@example.org\r\nAuto-Submitted: auto-replied\r\n", "friend@example.net"),
        ("To: me@example.org\r\n", ""),
        ("To: me@example.org\r\n", "MAILER-DAEMON@example.net"),
        ("To: me@example.org\r\n", "owner-dev@example.net"),
        ("To: me@example.org\r\n", "dev-request@example.net"),
        ("To: someone-else@example.org\r\n", "friend@example.net"),
    ])
    func noReply(headers: String, from: String) throws {
        #expect(vacation(try run("require \"vacation\"; vacation \"x\";", headers: headers, from: from)) == nil)
    }

    @Test("Auto-Submitted: no still gets a reply; :seconds needs vacation-seconds; two vacations are an error")
    func edges() throws {
        #expect(vacation(try run("require \"vacation\"; vacation \"x\";", headers: "To: me@example.org\r\nAuto-Submitted: no\r\n")) != nil)
        #expect(throws: SieveSyntaxError.self) { try SieveScript(compiling: "require \"vacation\"; vacation :seconds 5 \"x\";") }
        let twice = try run("require \"vacation\"; vacation \"a\"; vacation \"b\";")
        #expect(twice.runtimeError != nil)
        #expect(twice.actions == [.keep(flags: nil)])
    }
}

@Suite("Sieve regex")
struct SieveRegexTests {
    private func run(_ script: String, subject: String) throws -> SieveResult {
        try runSieve(script, on: "Subject: \(subject)\r\n\r\nx\r\n")
    }

    @Test("matches, case-insensitively under i;ascii-casemap, and sets match variables from groups")
    func groups() throws {
        let script = """
            require ["regex", "variables", "fileinto"];
            if header :regex "subject" "^\\\\[([a-z]+)\\\\] (.*)$" { fileinto "tag-${1}: ${2}"; }
            """
        #expect(try run(script, subject: "[OPS] disk full").actions == [.fileInto(mailbox: "tag-OPS: disk full", flags: nil, create: false)])
        #expect(try run(script, subject: "no tag").actions == [.keep(flags: nil)])
        let octet = "require [\"regex\", \"fileinto\"]; if header :regex :comparator \"i;octet\" \"subject\" \"^ops\" { fileinto \"x\"; }"
        #expect(try run(octet, subject: "OPS").actions == [.keep(flags: nil)])
    }

    @Test("a pathological pattern on a long value finishes")
    func hostile() throws {
        let script = "require [\"regex\", \"fileinto\"]; if header :regex \"subject\" \"^(a*)*b$\" { fileinto \"x\"; }"
        // Backtracking matchers take exponential time here; the C library's ERE matcher does not.
        #expect(try run(script, subject: String(repeating: "a", count: 5000)).actions == [.keep(flags: nil)])
    }
}

@Suite("Sieve date")
struct SieveDateTests {
    private func hit(_ test: String) throws -> Bool {
        try sieveTestHolds(test, requiring: ["date", "relational"], on: "Date: Tue, 01 Jul 2025 23:30:00 -0700\r\nSubject: x\r\n\r\nx\r\n") {
            $0.now = 86_400 * 3 + 3600
        }
    }

    @Test("date parts in the local zone (UTC here), the original zone and a given zone", arguments: [
        #"date :is "date" "date" "2025-07-02""#,
        #"date :is "date" "hour" "06""#,
        #"date :is "date" "iso8601" "2025-07-02T06:30:00Z""#,
        #"date :is "date" "julian" "60858""#,
        #"date :originalzone :is "date" "date" "2025-07-01""#,
        #"date :originalzone :is "date" "zone" "-0700""#,
        #"date :originalzone :is "date" "weekday" "2""#,
        #"date :originalzone :is "date" "std11" "Tue, 1 Jul 2025 23:30:00 -0700""#,
        #"date :zone "+0530" :is "date" "time" "12:00:00""#,
        #"date :value "ge" "date" "year" "2025""#,
        #"currentdate :is "date" "1970-01-04""#,
        #"currentdate :is "weekday" "0""#,
        #"currentdate :zone "-0200" :is "date" "1970-01-03""#,
    ])
    func parts(test: String) throws {
        #expect(try hit(test))
    }

    @Test("no match for a missing header, and an unknown part does not compile")
    func edges() throws {
        #expect(try hit(#"date :is "x-missing" "year" "2025""#) == false)
        #expect(throws: SieveSyntaxError.self) { try hit(#"date :is "date" "fortnight" "1""#) }
    }
}

@Suite("Sieve environment")
struct SieveEnvironmentTests {
    @Test("items given by the delivery agent match; unknown ones do not")
    func items() throws {
        func hit(_ test: String) throws -> Bool {
            try sieveTestHolds(test, requiring: ["environment"], on: "Subject: x\r\n\r\nx\r\n") { $0.items["remote-ip"] = "192.0.2.7" }
        }
        #expect(try hit(#"environment :is "name" "Columba""#))
        #expect(try hit(#"environment :matches "remote-ip" "192.0.2.*""#))
        #expect(try hit(#"environment :is "location" "MDA""#))
        #expect(try hit(#"environment :contains "host" """#) == false)
    }
}

@Suite("Sieve index")
struct SieveIndexTests {
    @Test(":index and :last pick one occurrence, in message order")
    func index() throws {
        func hit(_ test: String) throws -> Bool {
            try sieveTestHolds(test, requiring: ["index"], on: "Received: from a\r\nSubject: x\r\nReceived: from b\r\nReceived: from c\r\n\r\nx\r\n")
        }
        #expect(try hit(#"header :index 1 :is "received" "from a""#))
        #expect(try hit(#"header :index 2 :is "received" "from b""#))
        #expect(try hit(#"header :index 1 :last :is "received" "from c""#))
        #expect(try hit(#"header :index 2 :is "received" "from a""#) == false)
        #expect(try hit(#"header :index 9 :contains "received" """#) == false)
        #expect(throws: SieveSyntaxError.self) { try hit(#"header :last :is "received" "x""#) }
    }
}

@Suite("Sieve editheader")
struct SieveEditHeaderTests {
    private func run(_ script: String) throws -> SieveResult {
        try runSieve("require [\"editheader\", \"fileinto\"];\n" + script,
                     on: "Received: from relay\r\nX-Spam: yes\r\nSubject: hi\r\nX-Spam: maybe\r\n\r\nbody\r\n")
    }

    private func text(_ result: SieveResult) -> String? {
        result.editedMessage.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("addheader at the top or last, encoded when not ASCII; later tests see it")
    func add() throws {
        let result = try run("""
            addheader "X-Filtered" "yes";
            addheader :last "X-Note" "café";
            if header :is "x-note" "café" { fileinto "Seen"; }
            """)
        #expect(text(result) == "X-Filtered: yes\r\nReceived: from relay\r\nX-Spam: yes\r\nSubject: hi\r\nX-Spam: maybe\r\nX-Note: =?UTF-8?B?Y2Fmw6k=?=\r\n\r\nbody\r\n")
        #expect(result.actions == [.fileInto(mailbox: "Seen", flags: nil, create: false)])
    }

    @Test("deleteheader: all, by index, by value; protected fields stay")
    func delete() throws {
        #expect(text(try run("deleteheader \"x-spam\";")) == "Received: from relay\r\nSubject: hi\r\n\r\nbody\r\n")
        #expect(text(try run("deleteheader :index 1 :last \"X-Spam\";"))
                == "Received: from relay\r\nX-Spam: yes\r\nSubject: hi\r\n\r\nbody\r\n")
        #expect(text(try run("deleteheader :is \"X-Spam\" \"maybe\";"))
                == "Received: from relay\r\nX-Spam: yes\r\nSubject: hi\r\n\r\nbody\r\n")
        #expect(text(try run("deleteheader \"received\"; addheader \"Auto-Submitted\" \"no\";")) == nil)
        #expect(throws: SieveSyntaxError.self) { try run("addheader \"Bad:Name\" \"x\";") }
    }
}

@Suite("Sieve mailbox")
struct SieveMailboxTests {
    @Test("mailboxexists is true only when every name exists; INBOX in any case")
    func exists() throws {
        func hit(_ test: String) throws -> Bool {
            try sieveTestHolds(test, requiring: ["mailbox"], on: "Subject: x\r\n\r\nx\r\n") { $0.mailboxes = ["INBOX", "Lists/dev"] }
        }
        #expect(try hit(#"mailboxexists ["inbox", "Lists/dev"]"#))
        #expect(try hit(#"mailboxexists ["Lists/dev", "Missing"]"#) == false)
    }
}

@Suite("Sieve spamtest and virustest")
struct SieveSpamTests {
    @Test("scores compare numerically with relational")
    func scores() throws {
        func hit(_ test: String) throws -> Bool {
            try sieveTestHolds(test, requiring: ["spamtestplus", "virustest", "relational", "comparator-i;ascii-numeric"],
                               on: "Subject: x\r\n\r\nx\r\n") {
                $0.spamScore = 8
                $0.spamPercent = 75
                $0.virusScore = 1
            }
        }
        #expect(try hit(#"spamtest :value "ge" :comparator "i;ascii-numeric" "7""#))
        #expect(try hit(#"spamtest :value "gt" :comparator "i;ascii-numeric" "8""#) == false)
        #expect(try hit(#"spamtest :percent :value "ge" :comparator "i;ascii-numeric" "75""#))
        #expect(try hit(#"virustest :value "eq" :comparator "i;ascii-numeric" "1""#))
        #expect(throws: SieveSyntaxError.self) {
            try SieveScript(compiling: "require \"spamtest\"; if spamtest :percent \"50\" { keep; }")
        }
    }
}

@Suite("Sieve ihave")
struct SieveIhaveTests {
    private func run(_ script: String) throws -> SieveResult {
        try runSieve(script, on: "Subject: x\r\n\r\nx\r\n")
    }

    @Test("unsupported extensions guard blocks that are neither validated nor run; supported ones may be used inside")
    func guarded() throws {
        let script = """
            require ["ihave", "fileinto"];
            if ihave "vnd.example.teleport" { teleport :now "moon"; } else { fileinto "Fallback"; }
            if ihave "copy" { fileinto :copy "Copied"; }
            """
        #expect(try run(script).actions == [
            .fileInto(mailbox: "Fallback", flags: nil, create: false), .fileInto(mailbox: "Copied", flags: nil, create: false),
        ])
    }

    @Test("error stops the script as a runtime error that keeps")
    func errorCommand() throws {
        let result = try run("require [\"ihave\", \"fileinto\"]; fileinto \"A\"; error \"configuration missing\";")
        #expect(result.actions == [.keep(flags: nil)])
        #expect(result.runtimeError?.contains("configuration missing") == true)
    }
}
