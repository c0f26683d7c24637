import MailMessage

/// addheader and deleteheader (RFC 5293).
extension SieveRun {
    /// Fields a script may neither add nor delete: they record the message's path and its
    /// automatic origin (RFC 5293 §7).
    static let protectedFields: Set<String> = ["received", "auto-submitted"]

    /// Adds a field at the top of the header, or after the last field with `:last`. A value
    /// with non-ASCII characters is written as an RFC 2047 encoded word.
    mutating func addHeader(_ name: String, _ value: String, last: Bool) {
        guard SieveValidator.isFieldName(name), !Self.protectedFields.contains(name.lowercased()) else { return }
        let encoded = value.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\r" && $0 != "\n" }
            ? value
            : "=?UTF-8?B?" + String(decoding: Base64.encode(Array(value.utf8), lineLength: 0), as: UTF8.self) + "?="
        let field = Array("\(name): \(encoded)\r\n".utf8)
        let bytes = environment.message.bytes
        let position = last ? (environment.message.root.fields.last?.range.upperBound ?? 0) : 0
        replaceMessage(Array(bytes[..<position]) + field + Array(bytes[position...]))
    }

    /// Removes the fields called `name` (only the `:index`-th, and only those whose value matches
    /// the patterns when given).
    mutating func deleteHeader(_ arguments: Arguments) {
        let name = arguments.positional[0][0]
        guard !Self.protectedFields.contains(name.lowercased()) else { return }
        let message = environment.message
        var fields = message.fields(named: name)
        if let index = arguments.numberTag("index") {
            guard index >= 1, index <= UInt64(fields.count) else { return }
            fields = [arguments.has("last") ? fields[fields.count - Int(index)] : fields[Int(index) - 1]]
        }
        if arguments.positional.count > 1 {
            let matcher = arguments.matcher
            fields = fields.filter { matcher.matches(message.decodedValue(of: $0), anyOf: arguments.positional[1]) }
        }
        guard !fields.isEmpty else { return }
        var bytes = message.bytes
        for field in fields.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            bytes.removeSubrange(field.range)
        }
        replaceMessage(bytes)
    }

    mutating func replaceMessage(_ bytes: [UInt8]) {
        environment.message = MIMEMessage(parsing: bytes)
        environment.size = bytes.count
        edited = true
    }
}
