/// Every protocol limit the SMTP/LMTP grammar enforces, in one place, each with the text that sets it.
///
/// Sessions may pass tighter values through ``SMTPParserOptions`` and the decoders' initialisers;
/// these are the defaults and the ceilings the grammar was tested with.
public enum SMTPDefaults {
    /// RFC 5321 §4.5.3.1.4: "The maximum total length of a command line including the command word
    /// and the <CRLF> is 512 octets."
    public static let commandLineLength = 512

    /// The command line limit for MAIL and RCPT once ESMTP parameters are in play, CRLF included.
    ///
    /// RFC 5321 §4.5.3.1 lets each extension raise the limit, and they do: SIZE (RFC 1870 §3),
    /// BODY (RFC 6152 §2), SMTPUTF8 (RFC 6531 §3.4), AUTH= (RFC 4954 §5, up to 500 octets) and
    /// RET/ENVID/NOTIFY/ORCPT (RFC 3461 §4, ORCPT and ENVID up to 500 and 100 octets of xtext).
    /// Their sum is under 2048, which is also Postfix's `line_length_limit`; servers commonly take
    /// that figure, and so do we.
    public static let extendedCommandLineLength = 2048

    /// The command line limit for AUTH with an initial response and for SASL continuation lines,
    /// CRLF included: RFC 4954 §4 requires servers to accept at least 12288 octets there.
    public static let authCommandLineLength = 12288

    /// How long a reply line the client-side ``SMTPReplyParser`` accepts, CRLF included. RFC 5321
    /// §4.5.3.1.5 sets 512 octets for what servers send, but real servers send longer text, and
    /// §4.5.3.1 asks receivers to be liberal: four times that.
    public static let clientReplyLineLength = 2048

    /// How many lines one multi-line reply may have before the client gives up: a bound on memory
    /// that no real EHLO reply (about twenty keywords) comes near.
    public static let maximumReplyLines = 256

    /// RFC 5321 §4.5.3.1.1: "The maximum total length of a user name or other local-part is 64 octets."
    public static let localPartLength = 64

    /// RFC 5321 §4.5.3.1.2: "The maximum total length of a domain name or number is 255 octets."
    public static let domainLength = 255

    /// RFC 1035 §2.3.4: "labels 63 octets or less".
    public static let domainLabelLength = 63

    /// RFC 4422 §3.1: SASL mechanism names are 1 to 20 characters.
    public static let mechanismNameLength = 20

    /// RFC 5321 §4.5.3.1.3: "The maximum total length of a reverse-path or forward-path is 256 octets
    /// (including the punctuation and element separators)."
    public static let pathLength = 256

    /// The default maximum message size the DATA and BDAT decoders accept: 50 MiB, the size most
    /// providers advertise in `SIZE` (RFC 1870 §4 leaves the number to the server).
    public static let maximumMessageSize = 50 * 1024 * 1024

    /// RFC 1870 §3: "size-value ::= 1*20DIGIT"; RFC 3030 §3: "chunk-size ::= 1*DIGIT". We read at most
    /// this many digits before calling a number too big (any 20-digit value fits in `UInt64`).
    public static let maximumNumberDigits = 20

    /// RFC 3461 §4.2: the ENVID value "MUST NOT exceed 100 characters" (as xtext-decoded text).
    public static let envelopeIDLength = 100

    /// RFC 3461 §4.2: the ORCPT value ("addr-type ; xtext") "MUST NOT exceed 500 characters".
    public static let originalRecipientLength = 500
}
