/// Password databases, schemes and SASL. See issue 2.
public enum AuthModule {}
