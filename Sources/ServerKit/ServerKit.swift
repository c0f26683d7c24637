/// Listeners, TLS, configuration and lifecycle shared by every service.
public enum ServerKitModule {}
