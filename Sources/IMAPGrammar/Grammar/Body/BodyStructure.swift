import struct NIOCore.ByteBuffer

/// A message's MIME structure as FETCH BODY / BODYSTRUCTURE report it (RFC 9051 §7.5.2, `body`).
///
/// The MailMessage module computes it; this type only carries and writes it.
public indirect enum BodyStructure: Hashable, Sendable {
    case singlepart(SinglePart)
    case multipart(Multipart)

    /// `attribute = value` of Content-Type or Content-Disposition.
    public struct Parameter: Hashable, Sendable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `body-fld-dsp = "(" string SP body-fld-param ")" / nil`.
    public struct Disposition: Hashable, Sendable {
        public var kind: String
        public var parameters: [Parameter]

        public init(kind: String, parameters: [Parameter] = []) {
            self.kind = kind
            self.parameters = parameters
        }
    }

    /// `body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets`.
    public struct Fields: Hashable, Sendable {
        public var parameters: [Parameter]
        public var id: String?
        public var description: String?
        public var encoding: String
        public var octets: UInt32

        public init(parameters: [Parameter] = [], id: String? = nil, description: String? = nil, encoding: String = "7BIT", octets: UInt32) {
            self.parameters = parameters
            self.id = id
            self.description = description
            self.encoding = encoding
            self.octets = octets
        }
    }

    /// The extension data shared by both kinds (`body-ext-1part` / `body-ext-mpart` after their first item).
    public struct Extension: Hashable, Sendable {
        public var disposition: Disposition?
        /// `body-fld-lang`: NIL when empty, a string for one, a list for more.
        public var language: [String]
        public var location: String?

        public init(disposition: Disposition? = nil, language: [String] = [], location: String? = nil) {
            self.disposition = disposition
            self.language = language
            self.location = location
        }
    }

    /// `body-type-1part`.
    public struct SinglePart: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// `body-type-basic`.
            case basic
            /// `body-type-text`: with the body's line count.
            case text(lines: UInt64)
            /// `body-type-msg` (message/rfc822, message/global): the inner message's envelope and body.
            case message(Envelope, BodyStructure, lines: UInt64)
        }

        public var type: String
        public var subtype: String
        public var fields: Fields
        public var kind: Kind
        public var md5: String?
        public var extensionData: Extension

        public init(type: String, subtype: String, fields: Fields, kind: Kind = .basic, md5: String? = nil, extensionData: Extension = Extension()) {
            self.type = type
            self.subtype = subtype
            self.fields = fields
            self.kind = kind
            self.md5 = md5
            self.extensionData = extensionData
        }
    }

    /// `body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]`.
    public struct Multipart: Hashable, Sendable {
        public var parts: [BodyStructure]
        public var subtype: String
        public var parameters: [Parameter]
        public var extensionData: Extension

        public init(parts: [BodyStructure], subtype: String, parameters: [Parameter] = [], extensionData: Extension = Extension()) {
            self.parts = parts
            self.subtype = subtype
            self.parameters = parameters
            self.extensionData = extensionData
        }
    }
}

// MARK: - Encoding

extension EncodeBuffer {
    /// `body`; with `extensible` the extension data of BODYSTRUCTURE, without it the plain BODY form.
    public mutating func writeBodyStructure(_ body: BodyStructure, extensible: Bool) {
        writeRaw("(")
        switch body {
        case .singlepart(let part):
            writeIMAPString(part.type)
            writeSpace()
            writeIMAPString(part.subtype)
            writeSpace()
            writeBodyParameters(part.fields.parameters)
            writeSpace()
            writeNString(part.fields.id)
            writeSpace()
            writeNString(part.fields.description)
            writeSpace()
            writeIMAPString(part.fields.encoding)
            writeRaw(" \(part.fields.octets)")
            switch part.kind {
            case .basic:
                break
            case .text(let lines):
                writeRaw(" \(lines)")
            case .message(let envelope, let inner, let lines):
                writeSpace()
                writeEnvelope(envelope)
                writeSpace()
                writeBodyStructure(inner, extensible: extensible)
                writeRaw(" \(lines)")
            }
            if extensible {
                writeSpace()
                writeNString(part.md5)
                writeBodyExtension(part.extensionData)
            }
        case .multipart(let multipart):
            for part in multipart.parts {
                writeBodyStructure(part, extensible: extensible)
            }
            writeSpace()
            writeIMAPString(multipart.subtype)
            if extensible {
                writeSpace()
                writeBodyParameters(multipart.parameters)
                writeBodyExtension(multipart.extensionData)
            }
        }
        writeRaw(")")
    }

    /// `body-fld-param = "(" string SP string *(SP string SP string) ")" / nil`.
    private mutating func writeBodyParameters(_ parameters: [BodyStructure.Parameter]) {
        guard !parameters.isEmpty else {
            writeRaw("NIL")
            return
        }
        writeList(parameters) { buffer, parameter in
            buffer.writeIMAPString(parameter.name)
            buffer.writeSpace()
            buffer.writeIMAPString(parameter.value)
        }
    }

    /// `SP body-fld-dsp SP body-fld-lang SP body-fld-loc`.
    private mutating func writeBodyExtension(_ ext: BodyStructure.Extension) {
        writeSpace()
        if let disposition = ext.disposition {
            writeRaw("(")
            writeIMAPString(disposition.kind)
            writeSpace()
            writeBodyParameters(disposition.parameters)
            writeRaw(")")
        } else {
            writeRaw("NIL")
        }
        writeSpace()
        switch ext.language.count {
        case 0: writeRaw("NIL")
        case 1: writeIMAPString(ext.language[0])
        default: writeList(ext.language) { $0.writeIMAPString($1) }
        }
        writeSpace()
        writeNString(ext.location)
    }
}
