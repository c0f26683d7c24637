/// Which part of an address a test compares (RFC 5228 §2.7.4, RFC 5233).
enum AddressPart {
    case all
    case localpart
    case domain
    case user
    case detail

    /// The part of the address; `nil` for `:detail` of an address without a separator, which
    /// then matches nothing (RFC 5233 §4).
    func extract(local: String, domain: String) -> String? {
        switch self {
        case .all: domain.isEmpty ? local : "\(local)@\(domain)"
        case .localpart: local
        case .domain: domain
        case .user: String(local.prefix { $0 != "+" })
        case .detail: local.firstIndex(of: "+").map { String(local[local.index(after: $0)...]) }
        }
    }
}
