/// The service extensions a server lists in its EHLO (or LHLO) reply (RFC 5321 §4.1.1.1, §2.2.2).
///
/// ```
/// S: 250-mx.example.org Hello client.example
/// S: 250-PIPELINING
/// S: 250-SIZE 52428800
/// S: 250-AUTH PLAIN LOGIN
/// S: 250 SMTPUTF8
/// ```
/// ```
/// ehlo-ok-rsp  = ( "250" SP Domain [ SP ehlo-greet ] CRLF )
///              / ( "250-" Domain [ SP ehlo-greet ] CRLF *( "250-" ehlo-line CRLF ) "250" SP ehlo-line CRLF )
/// ehlo-line    = ehlo-keyword *( SP ehlo-param )
/// ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
/// ehlo-param   = 1*(%d33-126)
/// ```
/// The client side reads one from a parsed ``SMTPReply``; the server side builds one and sends
/// ``reply``. Keywords are upper-cased; lines whose first word is not a keyword (the old
/// `AUTH=LOGIN` form) are skipped.
public struct SMTPCapabilities: Hashable, Sendable {
    /// One `ehlo-line`.
    public struct Extension: Hashable, Sendable {
        /// The keyword, upper case.
        public var keyword: String
        /// The parameters after it, as sent.
        public var parameters: [String]

        /// Makes an extension line.
        public init(_ keyword: String, _ parameters: [String] = []) {
            self.keyword = keyword.uppercased()
            self.parameters = parameters
        }
    }

    /// The server's name from the first line.
    public var domain: String
    /// The rest of the first line, if any.
    public var greeting: String?
    /// The extensions, in the order listed.
    public var extensions: [Extension]

    /// Makes a capability list.
    public init(domain: String, greeting: String? = nil, extensions: [Extension] = []) {
        self.domain = domain
        self.greeting = greeting
        self.extensions = extensions
    }

    /// Reads the capabilities from an EHLO/LHLO reply; nil unless the reply is a 250.
    public init?(reply: SMTPReply) {
        guard reply.code == 250 else { return nil }
        let first = reply.lines[0].split(separator: " ", maxSplits: 1)
        self.domain = first.first.map(String.init) ?? ""
        self.greeting = first.count > 1 ? String(first[1]) : nil
        self.extensions = reply.lines.dropFirst().compactMap { line in
            let words = line.split(separator: " ")
            guard let keyword = words.first, keyword.utf8.allSatisfy(CommandScanner.isKeywordCharacter),
                keyword.first != "-"
            else { return nil }
            return Extension(String(keyword), words.dropFirst().map(String.init))
        }
    }

    /// The parameters of `keyword`, or nil if the server did not list it.
    public subscript(keyword: String) -> [String]? {
        let wanted = keyword.uppercased()
        return self.extensions.first { $0.keyword == wanted }?.parameters
    }

    /// Whether the server listed `keyword`.
    public func supports(_ keyword: String) -> Bool { self[keyword] != nil }

    /// The `SIZE` limit (RFC 1870 §4), if the server gave a non-zero one.
    public var maximumMessageSize: Int? {
        self["SIZE"]?.first.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// The SASL mechanisms listed after `AUTH` (RFC 4954 §3), upper case.
    public var authenticationMechanisms: [String] {
        self["AUTH"]?.map { $0.uppercased() } ?? []
    }
}

// MARK: - Encoding

extension SMTPCapabilities {
    /// The 250 reply that lists these capabilities.
    public var reply: SMTPReply {
        let first = self.greeting.map { "\(self.domain) \($0)" } ?? self.domain
        let lines = self.extensions.map { ([$0.keyword] + $0.parameters).joined(separator: " ") }
        return SMTPReply(code: 250, lines: [first] + lines)
    }
}
