/// The ESMTP parameters of MAIL FROM, typed where an extension defines them.
///
/// ```
/// C: MAIL FROM:<alice@example.org> SIZE=1024 BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=QQ314159 AUTH=<>
/// ```
/// Encoded in this order: SIZE, BODY, SMTPUTF8, RET, ENVID, AUTH, then ``others`` as given.
public struct MailParameters: Hashable, Sendable, CustomStringConvertible {
    /// `SIZE=` (RFC 1870 §3): the declared message size in octets.
    public var size: Int?
    /// `BODY=` (RFC 6152, RFC 3030).
    public var body: BodyType?
    /// `SMTPUTF8` (RFC 6531 §3.4): the transaction may use UTF-8 addresses and headers.
    public var smtpUTF8: Bool
    /// `RET=` (RFC 3461 §4.3).
    public var dsnReturn: DSNReturn?
    /// `ENVID=` (RFC 3461 §4.4), xtext-decoded.
    public var envelopeID: String?
    /// `AUTH=` (RFC 4954 §5).
    public var auth: AuthIdentity?
    /// Every other parameter, in order.
    public var others: [ESMTPParameter]

    /// Makes parameters; all absent by default.
    public init(
        size: Int? = nil,
        body: BodyType? = nil,
        smtpUTF8: Bool = false,
        dsnReturn: DSNReturn? = nil,
        envelopeID: String? = nil,
        auth: AuthIdentity? = nil,
        others: [ESMTPParameter] = []
    ) {
        self.size = size
        self.body = body
        self.smtpUTF8 = smtpUTF8
        self.dsnReturn = dsnReturn
        self.envelopeID = envelopeID
        self.auth = auth
        self.others = others
    }

    /// Sorts raw parameters into typed fields. Typed keywords are checked; the others are kept.
    init(parsing parameters: [ESMTPParameter]) throws(SMTPCommandError) {
        self.init()
        for parameter in parameters {
            switch parameter.keyword {
            case "SIZE":
                self.size = try CommandParser.parseNumber(parameter.value, what: "SIZE")
            case "BODY":
                guard let body = parameter.value.flatMap({ BodyType(rawValue: $0.uppercased()) }) else {
                    throw SMTPCommandError(.badParameter, "BODY must be 7BIT, 8BITMIME or BINARYMIME")
                }
                self.body = body
            case "SMTPUTF8":
                guard parameter.value == nil else { throw SMTPCommandError(.badParameter, "SMTPUTF8 takes no value") }
                self.smtpUTF8 = true
            case "RET":
                guard let ret = parameter.value.flatMap({ DSNReturn(rawValue: $0.uppercased()) }) else {
                    throw SMTPCommandError(.badParameter, "RET must be FULL or HDRS")
                }
                self.dsnReturn = ret
            case "ENVID":
                guard let value = parameter.value, let envid = XText.decode(value.utf8),
                    envid.utf8.count <= SMTPDefaults.envelopeIDLength
                else {
                    throw SMTPCommandError(.badParameter, "ENVID must be xtext of at most 100 characters")
                }
                self.envelopeID = envid
            case "AUTH":
                if parameter.value == "<>" {
                    self.auth = .unknown
                } else if let value = parameter.value, let identity = XText.decode(value.utf8), !identity.isEmpty {
                    self.auth = .identity(identity)
                } else {
                    throw SMTPCommandError(.badParameter, "AUTH must be <> or xtext")
                }
            default:
                self.others.append(parameter)
            }
        }
    }

    /// The parameters as wire text, each preceded by a space; empty when there are none.
    public var description: String {
        var parts: [String] = []
        if let size = self.size { parts.append("SIZE=\(size)") }
        if let body = self.body { parts.append("BODY=\(body.rawValue)") }
        if self.smtpUTF8 { parts.append("SMTPUTF8") }
        if let ret = self.dsnReturn { parts.append("RET=\(ret.rawValue)") }
        if let envid = self.envelopeID { parts.append("ENVID=\(XText.encode(envid))") }
        if let auth = self.auth { parts.append("AUTH=\(auth)") }
        parts += self.others.map(\.description)
        return parts.map { " " + $0 }.joined()
    }
}
