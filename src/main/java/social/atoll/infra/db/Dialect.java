package social.atoll.infra.db;

/** The two databases Atoll runs on. Shared SQL avoids vendor functions; the few differences are named here. */
public enum Dialect {
    SQLITE, POSTGRES;

    /** Case-insensitive LIKE operator. */
    public String ilike() { return this == POSTGRES ? "ILIKE" : "LIKE"; }
}
