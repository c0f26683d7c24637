import ServerKit
/// Wiring of configuration to services.
public enum ColumbaServerModule {}
