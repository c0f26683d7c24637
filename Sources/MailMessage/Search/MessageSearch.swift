/// Search and sort primitives over a parsed message for IMAP SEARCH/SORT and Sieve.
extension MIMEMessage {
    /// SEARCH HEADER / Sieve `header :contains`: whether any field called `name` contains `needle`
    /// in its decoded value (i;unicode-casemap). An empty needle matches any message with the field.
    public func headerContains(_ name: String, _ needle: String) -> Bool {
        decodedHeaders(name).contains { UnicodeCasemap.contains($0, needle) }
    }

    /// The text of every text/* leaf part, transfer encoding and charset decoded, in part order.
    /// Parts inside encapsulated messages are included; attachments that are not text are skipped.
    public var decodedTextParts: [String] {
        var texts: [String] = []
        func visit(_ part: MIMEPart) {
            switch part.kind {
            case .multipart, .message:
                part.children.forEach(visit)
            case .single:
                guard part.contentType.isText else { return }
                texts.append(Charset.decode(decodedBody(of: part), charset: part.contentType.charset ?? "us-ascii"))
            }
        }
        visit(root)
        return texts
    }

    /// SEARCH BODY: whether a decoded text part contains `needle` (i;unicode-casemap).
    public func bodyContains(_ needle: String) -> Bool {
        decodedTextParts.contains { UnicodeCasemap.contains($0, needle) }
    }

    /// SEARCH TEXT: the header (decoded) or a decoded text part contains `needle`.
    public func textContains(_ needle: String) -> Bool {
        if root.fields.contains(where: { field in
            UnicodeCasemap.contains(name(of: field) + ": " + EncodedWords.decode(HeaderText.unfold(rawValue(of: field))), needle)
        }) {
            return true
        }
        return bodyContains(needle)
    }

    /// SORT SUBJECT key: the RFC 5256 base subject.
    public var baseSubject: String {
        BaseSubject.extract(fields(named: "Subject").last.map { rawValue(of: $0) } ?? [])
    }

    /// SORT FROM/TO/CC key (RFC 5256 §3): the folded local part of the first address of the field.
    public func addressSortKey(_ fieldName: String) -> String {
        let first = fields(named: fieldName).flatMap { MailAddress.parseList(rawValue(of: $0)) }
            .first { $0.domain != nil }
        return UnicodeCasemap.fold(first?.mailbox.map { String(decoding: $0, as: UTF8.self) } ?? "")
    }

    /// SORT DISPLAYFROM/DISPLAYTO key (RFC 5957 §3): the first address's decoded display name, or
    /// its `mailbox@domain` when there is none, folded.
    public func displaySortKey(_ fieldName: String) -> String {
        let first = fields(named: fieldName).flatMap { MailAddress.parseList(rawValue(of: $0)) }
            .first { $0.domain != nil }
        guard let first else { return "" }
        if let name = first.displayName, !name.isEmpty { return UnicodeCasemap.fold(name) }
        return UnicodeCasemap.fold(first.address ?? "")
    }
}
