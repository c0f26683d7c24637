import Yams

/// `columba.yaml` parsed with Yams' node API, which keeps line numbers: the line of every key,
/// the names under each map, and the structural problems (unknown keys, a list where a value belongs, …).
struct ConfigurationDocument {
    /// The file path, as given.
    let path: String
    /// The line of each dotted key present in the file.
    private(set) var lines: [String: Int] = [:]
    /// The names under each map key (`listeners`, `tls.sni`) in file order.
    private(set) var names: [String: [String]] = [:]
    /// Keys written with no value (`key:` or `key: null`), read as absent.
    private(set) var emptyKeys: Set<String> = []
    /// Whether the file holds no document at all (empty, or only comments).
    private(set) var isEmpty = false
    /// Problems found while walking the file.
    private(set) var problems: [ConfigurationProblem] = []

    /// Parses `text` and walks it against ``ConfigurationSchema/root``.
    /// - Throws: ``ConfigurationError`` for a YAML syntax error or a top level that is not a mapping.
    init(path: String, text: String) throws(ConfigurationError) {
        self.path = path
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError(problems: [Self.syntaxProblem(error, path: path)])
        } catch {
            throw ConfigurationError(problems: [.init(origin: nil, file: path, key: nil, message: "\(error)")])
        }
        guard let root else {
            isEmpty = true  // every key has its default
            return
        }
        guard case .mapping = root else {
            throw ConfigurationError(problems: [
                .init(
                    origin: .file(path: path, line: root.mark?.line ?? 1),
                    key: nil,
                    message:
                        "the file is not a mapping of keys; "
                        + "expected `key: value` lines such as `hostname: mail.example.org`"
                )
            ])
        }
        walk(root, schema: .root, path: [])
    }

    /// The line of a dotted key, or `nil` when the file does not contain it.
    func line(of key: String) -> Int? { lines[key] }

    private mutating func walk(_ node: Node, schema: ConfigurationSchema, path: [String]) {
        let key = path.joined(separator: ".")
        let line = lines[key] ?? node.mark?.line ?? 1
        if case .scalar = node, node.tag.description == Tag.Name.null.rawValue, !path.isEmpty {
            emptyKeys.insert(key)
            return
        }
        switch (schema, node) {
        case (.value, .scalar):
            return
        case (.list, .scalar):
            return
        case (.list, .sequence(let items)):
            for item in items where item.scalar == nil {
                report(
                    line: item.mark?.line ?? line,
                    key: key,
                    "a list item is a \(Self.kind(item)); expected a single value"
                )
            }
        case (.section, .mapping(let mapping)):
            for (keyNode, value) in mapping {
                guard let name = keyNode.scalar?.string else {
                    report(
                        line: keyNode.mark?.line ?? line,
                        key: key,
                        "a key is not a plain name; expected a word such as `port`"
                    )
                    continue
                }
                let childPath = path + [name]
                let childKey = childPath.joined(separator: ".")
                lines[childKey] = keyNode.mark?.line ?? line
                guard let child = schema.child(name) else {
                    report(
                        line: lines[childKey] ?? line,
                        key: childKey,
                        Self.unknownKeyMessage(name, known: schema.keys)
                    )
                    continue
                }
                walk(value, schema: child, path: childPath)
            }
        case (.map(let element), .mapping(let mapping)):
            var seen: [String] = []
            for (keyNode, value) in mapping {
                guard let name = keyNode.scalar?.string, !name.isEmpty else {
                    report(
                        line: keyNode.mark?.line ?? line,
                        key: key,
                        "a name is not a plain string; expected a name such as `imap`"
                    )
                    continue
                }
                let childPath = path + [name]
                lines[childPath.joined(separator: ".")] = keyNode.mark?.line ?? line
                seen.append(name)
                walk(value, schema: element, path: childPath)
            }
            names[key] = seen
        default:
            report(line: line, key: key, "is a \(Self.kind(node)); expected \(Self.expectation(schema))")
        }
    }

    private mutating func report(line: Int, key: String, _ message: String) {
        problems.append(.init(origin: .file(path: path, line: line), key: key.isEmpty ? nil : key, message: message))
    }

    private static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "single value"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

    private static func expectation(_ schema: ConfigurationSchema) -> String {
        switch schema {
        case .value: "a single value"
        case .list: "a value or a list of values"
        case .section(let fields): "a mapping with keys " + fields.map(\.0).joined(separator: ", ")
        case .map: "a mapping of names to settings"
        }
    }

    /// `unknown key; did you mean `port`?`, or the list of valid keys when nothing is close.
    static func unknownKeyMessage(_ name: String, known: [String]) -> String {
        if let suggestion = Suggestion.closest(to: name, in: known) {
            return "unknown key; did you mean `\(suggestion)`?"
        }
        return "unknown key; expected one of " + known.joined(separator: ", ")
    }

    private static func syntaxProblem(_ error: YamlError, path: String) -> ConfigurationProblem {
        let (mark, problem): (Mark?, String) =
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                (mark, problem)
            case .duplicatedKeysInMapping(let duplicates, let context):
                (context.mark, "duplicate key \(duplicates.joined(separator: ", ")) in a mapping")
            case .reader(let problem, _, _, _):
                (nil, problem)
            default:
                (nil, "\(error)")
            }
        return ConfigurationProblem(
            origin: mark.map { .file(path: path, line: $0.line) },
            file: path,
            key: nil,
            message: "YAML syntax error: \(problem); expected `key: value` lines indented with spaces"
        )
    }
}
