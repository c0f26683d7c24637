/// What a MIME part's body holds, as the structure parser found it.
public enum MIMEPartKind: Sendable, Hashable {
    /// A leaf: the body is content (text, image, application …).
    case single
    /// A multipart body split at its boundary; the children are the body parts (possibly none).
    case multipart
    /// A message/rfc822 body; the single child is the encapsulated message.
    case message
}
