/// RFC 5322 and MIME message parsing. See issue 3.
public enum MailMessageModule {}
