/// A userdb that gives every user the same fields, with the home directory built from a
/// template (Dovecot's `userdb static`): `%u` is the user, `%n` the local part, `%d` the domain,
/// and `%%` a percent sign.
///
/// Every name is taken to exist: use it behind a passdb that decides who may log in.
public struct StaticUserDatabase: UserDB {
    /// The home directory template, such as `/var/mail/%d/%n`.
    public let homeTemplate: String

    public init(homeTemplate: String) {
        self.homeTemplate = homeTemplate
    }

    public func lookupUser(_ request: LookupRequest) async throws -> UserRecord? {
        try UserRecord(username: request.username, fields: ["home": home(for: request)])
    }

    /// A static userdb cannot list its users.
    public func listUsers() async throws -> [String] { [] }

    /// The template with the user's variables filled in.
    func home(for request: LookupRequest) -> String {
        var result = ""
        var pending = false
        for character in homeTemplate {
            guard pending else {
                if character == "%" { pending = true } else { result.append(character) }
                continue
            }
            pending = false
            switch character {
            case "u": result += request.username
            case "n": result += request.localPart
            case "d": result += request.domain
            case "%": result += "%"
            default: result += "%\(character)"
            }
        }
        if pending { result += "%" }
        return result
    }
}
