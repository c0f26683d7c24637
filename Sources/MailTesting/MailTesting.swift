import ColumbaServer
/// Test support.
public enum MailTestingModule {}
