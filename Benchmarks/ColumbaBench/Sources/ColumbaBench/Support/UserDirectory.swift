import Foundation

/// The accounts the clients log in as; client i uses account i modulo the count.
public struct UserDirectory: Sendable, Equatable {
    public struct Account: Sendable, Equatable {
        public var name: String
        public var password: String

        public init(name: String, password: String) {
            self.name = name
            self.password = password
        }
    }

    public var accounts: [Account]

    public init(accounts: [Account]) {
        self.accounts = accounts
    }

    /// Accounts named by `pattern` with `%d` replaced by each number of `range`, all with `password`.
    public init(pattern: String, range: ClosedRange<Int>, password: String) throws(CheckFailure) {
        guard pattern.contains("%d") else { throw CheckFailure("the user pattern \"\(pattern)\" has no %d") }
        accounts = range.map { Account(name: pattern.replacingOccurrences(of: "%d", with: String($0)), password: password) }
    }

    /// Accounts from a file's lines `user:password` (or `user password`); blank lines and lines
    /// starting with `#` are skipped.
    public init(fileContents: String) throws(CheckFailure) {
        accounts = []
        // Splitting on newline characters also splits at CRLF, which Swift reads as one character.
        for (number, text) in fileContents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if text.isEmpty || text.hasPrefix("#") { continue }
            guard let separator = text.firstIndex(where: { $0 == ":" || $0 == " " }) else {
                throw CheckFailure("users file line \(number + 1): expected user:password")
            }
            accounts.append(Account(name: String(text[..<separator]), password: String(text[text.index(after: separator)...])))
        }
        guard !accounts.isEmpty else { throw CheckFailure("the users file names no user") }
    }

    /// The account client `index` uses.
    public func account(forClient index: Int) -> Account {
        accounts[index % accounts.count]
    }
}
