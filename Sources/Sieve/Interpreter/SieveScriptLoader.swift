/// Where `include` (RFC 6609) finds scripts: the user's own (`:personal`, the default) or the
/// administrator's (`:global`). The server supplies one per delivery.
public protocol SieveScriptLoader {
    /// The text of the script `name` at `location`, or `nil` when there is no such script.
    func script(named name: String, at location: SieveScriptLocation) -> String?
}

/// The two script stores of RFC 6609 §3.1.
public enum SieveScriptLocation: String, Hashable, Sendable {
    case personal
    case global
}

/// One script an `include` named.
struct SieveIncludedScript: Hashable {
    var name: String
    var location: SieveScriptLocation
}
