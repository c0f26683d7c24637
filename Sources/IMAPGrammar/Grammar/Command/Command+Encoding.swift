import struct NIOCore.ByteBuffer

// The client side: writing commands. Used by the load generator and by the round-trip tests
// and fuzzer (parse → encode → parse must give the same value). Set
// `EncodingOptions.nonSynchronizingLiterals` to send literals without waiting for `+`.

extension EncodeBuffer {
    /// `command = tag SP (...) CRLF`.
    public mutating func writeCommand(_ tagged: TaggedCommand) {
        writeRaw(tagged.tag)
        writeSpace()
        writeCommandBody(tagged.command)
        writeNewline()
    }

    private mutating func writeCommandBody(_ command: Command) {
        switch command {
        case .capability: writeRaw("CAPABILITY")
        case .noop: writeRaw("NOOP")
        case .logout: writeRaw("LOGOUT")
        case .startTLS: writeRaw("STARTTLS")
        case .namespace: writeRaw("NAMESPACE")
        case .idle: writeRaw("IDLE")
        case .check: writeRaw("CHECK")
        case .close: writeRaw("CLOSE")
        case .unselect: writeRaw("UNSELECT")
        case .expunge: writeRaw("EXPUNGE")
        case .unauthenticate: writeRaw("UNAUTHENTICATE")
        case .id(let fields):
            writeRaw("ID ")
            if let fields {
                writeList(fields) { buffer, field in
                    buffer.writeIMAPString(field.key)
                    buffer.writeSpace()
                    buffer.writeNString(field.value)
                }
            } else {
                writeRaw("NIL")
            }
        case .authenticate(let mechanism, let initialResponse):
            writeRaw("AUTHENTICATE " + mechanism)
            if let initialResponse {
                writeRaw(initialResponse.isEmpty ? " =" : " " + Base64.encode(initialResponse))
            }
        case .login(let username, let password):
            writeRaw("LOGIN ")
            writeAString(username)
            writeSpace()
            writeAString(password)
        case .enable(let capabilities):
            writeRaw("ENABLE")
            for capability in capabilities { writeRaw(" " + capability) }
        case .select(let mailbox, let parameters):
            writeRaw("SELECT ")
            writeSelect(mailbox, parameters)
        case .examine(let mailbox, let parameters):
            writeRaw("EXAMINE ")
            writeSelect(mailbox, parameters)
        case .create(let mailbox, let specialUse):
            writeRaw("CREATE ")
            writeMailbox(mailbox)
            if !specialUse.isEmpty {
                writeRaw(" (USE ")
                writeList(specialUse) { $0.writeRaw($1) }
                writeRaw(")")
            }
        case .delete(let mailbox):
            writeRaw("DELETE ")
            writeMailbox(mailbox)
        case .rename(let from, let to):
            writeRaw("RENAME ")
            writeMailbox(from)
            writeSpace()
            writeMailbox(to)
        case .subscribe(let mailbox):
            writeRaw("SUBSCRIBE ")
            writeMailbox(mailbox)
        case .unsubscribe(let mailbox):
            writeRaw("UNSUBSCRIBE ")
            writeMailbox(mailbox)
        case .list(let list):
            writeListCommand(list)
        case .lsub(let reference, let pattern):
            writeRaw("LSUB ")
            writeMailbox(reference)
            writeSpace()
            writeMailbox(pattern)
        case .status(let mailbox, let attributes):
            writeRaw("STATUS ")
            writeMailbox(mailbox)
            writeSpace()
            writeList(attributes) { $0.writeRaw($1.rawValue) }
        case .append(let mailbox, let messages):
            writeRaw("APPEND ")
            writeMailbox(mailbox)
            for message in messages {
                if !message.flags.isEmpty {
                    writeSpace()
                    writeFlags(message.flags)
                }
                if let date = message.internalDate {
                    writeSpace()
                    writeDateTime(date)
                }
                writeSpace()
                writeLiteral(message.data, binary: message.binary)
            }
        case .getQuota(let root):
            writeRaw("GETQUOTA ")
            writeAString(root)
        case .getQuotaRoot(let mailbox):
            writeRaw("GETQUOTAROOT ")
            writeMailbox(mailbox)
        case .setQuota(let root, let limits):
            writeRaw("SETQUOTA ")
            writeAString(root)
            writeSpace()
            writeList(limits) { $0.writeRaw("\($1.resource) \($1.limit)") }
        case .compress(let algorithm):
            writeRaw("COMPRESS " + algorithm)
        case .uidExpunge(let set):
            writeRaw("UID EXPUNGE ")
            writeSequenceSet(set)
        case .search(let search):
            writeSearchCommand(search)
        case .uidSearch(let search):
            writeRaw("UID ")
            writeSearchCommand(search)
        case .fetch(let fetch):
            writeFetchCommand(fetch)
        case .uidFetch(let fetch):
            writeRaw("UID ")
            writeFetchCommand(fetch)
        case .store(let store):
            writeStoreCommand(store)
        case .uidStore(let store):
            writeRaw("UID ")
            writeStoreCommand(store)
        case .copy(let set, let mailbox): writeSetAndMailbox("COPY ", set, mailbox)
        case .uidCopy(let set, let mailbox): writeSetAndMailbox("UID COPY ", set, mailbox)
        case .move(let set, let mailbox): writeSetAndMailbox("MOVE ", set, mailbox)
        case .uidMove(let set, let mailbox): writeSetAndMailbox("UID MOVE ", set, mailbox)
        }
    }

    private mutating func writeSetAndMailbox(_ name: String, _ set: SequenceSet, _ mailbox: MailboxName) {
        writeRaw(name)
        writeSequenceSet(set)
        writeSpace()
        writeMailbox(mailbox)
    }

    private mutating func writeSelect(_ mailbox: MailboxName, _ parameters: [SelectParameter]) {
        writeMailbox(mailbox)
        guard !parameters.isEmpty else { return }
        writeSpace()
        writeList(parameters) { buffer, parameter in
            switch parameter {
            case .condstore:
                buffer.writeRaw("CONDSTORE")
            case .other(let name):
                buffer.writeRaw(name)
            case .qresync(let qresync):
                buffer.writeRaw("QRESYNC (\(qresync.uidValidity) \(qresync.modSeq)")
                if let known = qresync.knownUIDs {
                    buffer.writeSpace()
                    buffer.writeSequenceSet(known)
                }
                if let match = qresync.sequenceMatch {
                    buffer.writeRaw(" (")
                    buffer.writeSequenceSet(match.sequenceNumbers)
                    buffer.writeSpace()
                    buffer.writeSequenceSet(match.uids)
                    buffer.writeRaw(")")
                }
                buffer.writeRaw(")")
            }
        }
    }

    private mutating func writeListCommand(_ list: ListCommand) {
        writeRaw("LIST ")
        if !list.selectOptions.isEmpty {
            writeList(list.selectOptions) { buffer, option in
                switch option {
                case .subscribed: buffer.writeRaw("SUBSCRIBED")
                case .remote: buffer.writeRaw("REMOTE")
                case .recursiveMatch: buffer.writeRaw("RECURSIVEMATCH")
                case .specialUse: buffer.writeRaw("SPECIAL-USE")
                case .other(let name): buffer.writeRaw(name)
                }
            }
            writeSpace()
        }
        writeMailbox(list.reference)
        writeSpace()
        if list.patterns.count == 1 {
            writeMailbox(list.patterns[0])
        } else {
            writeList(list.patterns) { $0.writeMailbox($1) }
        }
        if let options = list.returnOptions {
            writeRaw(" RETURN ")
            writeList(options) { buffer, option in
                switch option {
                case .subscribed: buffer.writeRaw("SUBSCRIBED")
                case .children: buffer.writeRaw("CHILDREN")
                case .specialUse: buffer.writeRaw("SPECIAL-USE")
                case .other(let name): buffer.writeRaw(name)
                case .status(let attributes):
                    buffer.writeRaw("STATUS ")
                    buffer.writeList(attributes) { $0.writeRaw($1.rawValue) }
                }
            }
        }
    }

    private mutating func writeSearchCommand(_ search: SearchCommand) {
        writeRaw("SEARCH")
        if let options = search.returnOptions {
            writeRaw(" RETURN ")
            writeList(options) { buffer, option in
                switch option {
                case .min: buffer.writeRaw("MIN")
                case .max: buffer.writeRaw("MAX")
                case .all: buffer.writeRaw("ALL")
                case .count: buffer.writeRaw("COUNT")
                case .save: buffer.writeRaw("SAVE")
                case .other(let name): buffer.writeRaw(name)
                }
            }
        }
        if let charset = search.charset {
            writeRaw(" CHARSET ")
            writeAString(charset)
        }
        writeSpace()
        if case .and(let keys) = search.key, keys.count > 1 {
            writeSpaceSeparated(keys) { $0.writeSearchKey($1) }
        } else {
            writeSearchKey(search.key)
        }
    }

    /// `search-key`.
    public mutating func writeSearchKey(_ key: SearchKey) {
        func string(_ name: String, _ value: String) {
            writeRaw(name + " ")
            writeAString(value)
        }
        func date(_ name: String, _ value: IMAPDate) {
            writeRaw(name + " ")
            writeDate(value)
        }
        switch key {
        case .all: writeRaw("ALL")
        case .answered: writeRaw("ANSWERED")
        case .deleted: writeRaw("DELETED")
        case .draft: writeRaw("DRAFT")
        case .flagged: writeRaw("FLAGGED")
        case .new: writeRaw("NEW")
        case .old: writeRaw("OLD")
        case .recent: writeRaw("RECENT")
        case .seen: writeRaw("SEEN")
        case .unanswered: writeRaw("UNANSWERED")
        case .undeleted: writeRaw("UNDELETED")
        case .undraft: writeRaw("UNDRAFT")
        case .unflagged: writeRaw("UNFLAGGED")
        case .unseen: writeRaw("UNSEEN")
        case .saveDateSupported: writeRaw("SAVEDATESUPPORTED")
        case .keyword(let keyword): writeRaw("KEYWORD " + keyword)
        case .unkeyword(let keyword): writeRaw("UNKEYWORD " + keyword)
        case .bcc(let value): string("BCC", value)
        case .body(let value): string("BODY", value)
        case .cc(let value): string("CC", value)
        case .from(let value): string("FROM", value)
        case .subject(let value): string("SUBJECT", value)
        case .text(let value): string("TEXT", value)
        case .to(let value): string("TO", value)
        case .header(let field, let value):
            string("HEADER", field)
            writeSpace()
            writeAString(value)
        case .before(let value): date("BEFORE", value)
        case .on(let value): date("ON", value)
        case .since(let value): date("SINCE", value)
        case .sentBefore(let value): date("SENTBEFORE", value)
        case .sentOn(let value): date("SENTON", value)
        case .sentSince(let value): date("SENTSINCE", value)
        case .savedBefore(let value): date("SAVEDBEFORE", value)
        case .savedOn(let value): date("SAVEDON", value)
        case .savedSince(let value): date("SAVEDSINCE", value)
        case .larger(let size): writeRaw("LARGER \(size)")
        case .smaller(let size): writeRaw("SMALLER \(size)")
        case .older(let seconds): writeRaw("OLDER \(seconds)")
        case .younger(let seconds): writeRaw("YOUNGER \(seconds)")
        case .uid(let set):
            writeRaw("UID ")
            writeSequenceSet(set)
        case .sequenceNumbers(let set):
            writeSequenceSet(set)
        case .modSeq(let entry, let modSeq):
            writeRaw("MODSEQ ")
            if let entry {
                writeIMAPString("/flags/" + entry.flag.text)
                writeRaw(" " + entry.type.rawValue + " ")
            }
            writeRaw("\(modSeq)")
        case .emailID(let id): writeRaw("EMAILID " + id)
        case .threadID(let id): writeRaw("THREADID " + id)
        case .fuzzy(let key):
            writeRaw("FUZZY ")
            writeSearchKey(key)
        case .not(let key):
            writeRaw("NOT ")
            writeSearchKey(key)
        case .or(let left, let right):
            writeRaw("OR ")
            writeSearchKey(left)
            writeSpace()
            writeSearchKey(right)
        case .and(let keys):
            writeList(keys) { $0.writeSearchKey($1) }
        }
    }

    private mutating func writeFetchCommand(_ fetch: FetchCommand) {
        writeRaw("FETCH ")
        writeSequenceSet(fetch.sequenceSet)
        writeSpace()
        writeList(fetch.attributes) { $0.writeFetchAttribute($1) }
        if !fetch.modifiers.isEmpty {
            writeSpace()
            writeList(fetch.modifiers) { buffer, modifier in
                switch modifier {
                case .changedSince(let modSeq): buffer.writeRaw("CHANGEDSINCE \(modSeq)")
                case .vanished: buffer.writeRaw("VANISHED")
                }
            }
        }
    }

    /// `fetch-att`.
    public mutating func writeFetchAttribute(_ attribute: FetchAttribute) {
        func partial(_ partial: Partial?) {
            if let partial { writeRaw("<\(partial.offset).\(partial.length)>") }
        }
        switch attribute {
        case .envelope: writeRaw("ENVELOPE")
        case .flags: writeRaw("FLAGS")
        case .internalDate: writeRaw("INTERNALDATE")
        case .rfc822: writeRaw("RFC822")
        case .rfc822Header: writeRaw("RFC822.HEADER")
        case .rfc822Size: writeRaw("RFC822.SIZE")
        case .rfc822Text: writeRaw("RFC822.TEXT")
        case .body: writeRaw("BODY")
        case .bodyStructure: writeRaw("BODYSTRUCTURE")
        case .uid: writeRaw("UID")
        case .modSeq: writeRaw("MODSEQ")
        case .saveDate: writeRaw("SAVEDATE")
        case .emailID: writeRaw("EMAILID")
        case .threadID: writeRaw("THREADID")
        case .preview(let lazy): writeRaw(lazy ? "PREVIEW (LAZY)" : "PREVIEW")
        case .bodySection(let peek, let section, let range):
            writeRaw(peek ? "BODY.PEEK" : "BODY")
            writeSection(section)
            partial(range)
        case .binary(let peek, let part, let range):
            writeRaw((peek ? "BINARY.PEEK[" : "BINARY[") + part.map(String.init).joined(separator: ".") + "]")
            partial(range)
        case .binarySize(let part):
            writeRaw("BINARY.SIZE[" + part.map(String.init).joined(separator: ".") + "]")
        }
    }

    private mutating func writeStoreCommand(_ store: StoreCommand) {
        writeRaw("STORE ")
        writeSequenceSet(store.sequenceSet)
        if let unchangedSince = store.unchangedSince {
            writeRaw(" (UNCHANGEDSINCE \(unchangedSince))")
        }
        switch store.flags.operation {
        case .replace: writeRaw(" FLAGS")
        case .add: writeRaw(" +FLAGS")
        case .remove: writeRaw(" -FLAGS")
        }
        if store.flags.silent { writeRaw(".SILENT") }
        writeSpace()
        writeFlags(store.flags.flags)
    }
}

extension TaggedCommand {
    /// The command's bytes.
    public func encoded(options: EncodingOptions = EncodingOptions()) -> ByteBuffer {
        var buffer = EncodeBuffer(options: options)
        buffer.writeCommand(self)
        return buffer.buffer
    }
}
