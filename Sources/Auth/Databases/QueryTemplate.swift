import Foundation

/// A configured SQL query with Dovecot variables (`%u`, `%n`, `%d`, `%s`, `%r`, `%l`, long
/// forms `%{user}`, `%{username}`, `%{domain}`, `%{service}`, `%{rip}`, `%{lip}`, and `%L`/`%U`
/// case modifiers) compiled into a statement with bound parameters.
///
/// Variables never reach the SQL text: an unquoted variable becomes a placeholder, and a
/// quoted literal that contains variables (`'%n@%d'`) becomes one placeholder bound to the
/// expanded literal, so Dovecot's usual `WHERE userid = '%u'` works unchanged.
public struct QueryTemplate: Sendable, Hashable {
    /// How the database writes placeholders.
    public enum PlaceholderStyle: Sendable, Hashable {
        /// `?` (SQLite).
        case questionMark
        /// `$1`, `$2`, … (PostgreSQL).
        case dollarNumber
    }

    private enum Piece: Sendable, Hashable {
        case text(String)
        case variable(Variable, CaseChange)
    }

    enum Variable: String, Sendable, Hashable {
        case user, username, domain, service, rip, lip
    }

    enum CaseChange: Sendable, Hashable {
        case none, lower, upper
    }

    /// The query as configured.
    public let source: String
    /// The SQL sent to the server, with placeholders.
    public let sql: String
    private let parameters: [[Piece]]

    /// Compiles a query.
    /// - Parameters:
    ///   - source: the configured query text.
    ///   - style: the database's placeholder syntax.
    /// - Throws: ``QueryTemplateError`` for an unknown variable or an unterminated literal.
    public init(_ source: String, style: PlaceholderStyle) throws {
        self.source = source
        var sql = ""
        var parameters: [[Piece]] = []
        var chars = Array(source)[...]

        func placeholder() -> String {
            switch style {
            case .questionMark: "?"
            case .dollarNumber: "$\(parameters.count)"
            }
        }

        while let char = chars.first {
            if char == "'" {
                chars = chars.dropFirst()
                var literal: [Piece] = []
                var text = ""
                var closed = false
                while let inner = chars.first {
                    chars = chars.dropFirst()
                    if inner == "'" {
                        if chars.first == "'" {
                            text.append("'")
                            chars = chars.dropFirst()
                            continue
                        }
                        closed = true
                        break
                    }
                    if inner == "%" {
                        let (piece, rest) = try Self.parseVariable(chars, query: source)
                        chars = rest
                        if case .text(let plain) = piece {
                            text += plain
                        } else {
                            if !text.isEmpty { literal.append(.text(text)) }
                            text = ""
                            literal.append(piece)
                        }
                        continue
                    }
                    text.append(inner)
                }
                guard closed else { throw QueryTemplateError(query: source, problem: "unterminated string literal") }
                if literal.isEmpty {
                    sql += "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
                } else {
                    if !text.isEmpty { literal.append(.text(text)) }
                    parameters.append(literal)
                    sql += placeholder()
                }
            } else if char == "%" {
                let (piece, rest) = try Self.parseVariable(chars.dropFirst(), query: source)
                chars = rest
                if case .text(let plain) = piece {
                    sql += plain
                } else {
                    parameters.append([piece])
                    sql += placeholder()
                }
            } else {
                sql.append(char)
                chars = chars.dropFirst()
            }
        }
        self.sql = sql
        self.parameters = parameters
    }

    /// The parameter values for a request, in placeholder order.
    /// - Parameter request: the lookup being run.
    public func bindings(for request: LookupRequest) -> [String] {
        parameters.map { pieces in
            pieces.map { piece in
                switch piece {
                case .text(let text): return text
                case .variable(let variable, let change):
                    let value: String
                    switch variable {
                    case .user: value = request.username
                    case .username: value = request.localPart
                    case .domain: value = request.domain
                    case .service: value = request.service
                    case .rip: value = request.remoteAddress ?? ""
                    case .lip: value = request.localAddress ?? ""
                    }
                    switch change {
                    case .none: return value
                    case .lower: return value.lowercased()
                    case .upper: return value.uppercased()
                    }
                }
            }.joined()
        }
    }

    /// Parses what follows a `%`.
    private static func parseVariable(
        _ input: ArraySlice<Character>,
        query: String
    ) throws -> (Piece, ArraySlice<Character>) {
        var chars = input
        var change = CaseChange.none
        if chars.first == "L" {
            change = .lower
            chars = chars.dropFirst()
        } else if chars.first == "U" {
            change = .upper
            chars = chars.dropFirst()
        }
        guard let first = chars.first else { throw QueryTemplateError(query: query, problem: "query ends with %") }
        chars = chars.dropFirst()
        if first == "%" && change == .none { return (.text("%"), chars) }
        if first == "{" {
            guard let close = chars.firstIndex(of: "}") else {
                throw QueryTemplateError(query: query, problem: "unterminated %{")
            }
            let name = String(chars[chars.startIndex..<close])
            guard let variable = Variable(rawValue: name) else {
                throw QueryTemplateError(query: query, problem: "unknown variable %{\(name)}")
            }
            return (.variable(variable, change), chars[chars.index(after: close)...])
        }
        let short: [Character: Variable] = [
            "u": .user, "n": .username, "d": .domain, "s": .service, "r": .rip, "l": .lip,
        ]
        guard let variable = short[first] else {
            throw QueryTemplateError(query: query, problem: "unknown variable %\(first)")
        }
        return (.variable(variable, change), chars)
    }
}
