package social.atoll.core.status;

import java.time.Instant;
import java.util.List;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.ids.IdGenerator;

/** SQL of {@code status_edits}: the versions of edited statuses, poll options and media ids kept as JSON. */
public final class StatusEditStore {


    private final Database db;
    private final JsonColumns json;
    private final IdGenerator ids;

    public StatusEditStore(Database db, JsonColumns json, IdGenerator ids) {
        this.db = db;
        this.json = json;
        this.ids = ids;
    }

    /** Keeps one version of status {@code s} as it reads from {@code at}. */
    public void insert(Status s, String text, String content, String spoiler, boolean sensitive, List<String> pollOptions,
                       List<Long> mediaIds, Instant at) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO status_edits (id, status_id, account_id, text, content, spoiler_text, sensitive, poll_options,
                          media_ids, created_at)
                        VALUES (:id, :s, :a, :text, :content, :spoiler, :sensitive, :poll, :media, :at)""")
                .bind("id", ids.next()).bind("s", s.id()).bind("a", s.accountId()).bind("text", text).bind("content", content)
                .bind("spoiler", spoiler).bind("sensitive", sensitive).bind("poll", pollOptions == null ? null : write(pollOptions))
                .bind("media", write(mediaIds)).bind("at", at).execute());
    }

    /**
     * Keeps one version of a remote status: its HTML as delivered (no source text, no media list: a remote
     * server's history shows the status's media).
     */
    public void insertRemote(Status s, String content, String spoiler, boolean sensitive, Instant at) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO status_edits (id, status_id, account_id, content, spoiler_text, sensitive, created_at)
                        VALUES (:id, :s, :a, :content, :spoiler, :sensitive, :at)""")
                .bind("id", ids.next()).bind("s", s.id()).bind("a", s.accountId()).bind("content", content)
                .bind("spoiler", spoiler == null ? "" : spoiler).bind("sensitive", sensitive).bind("at", at).execute());
    }

    public boolean hasVersions(long statusId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM status_edits WHERE status_id = :s").bind("s", statusId)
                .mapTo(Integer.class).one()) > 0;
    }

    /** The kept versions of a status, oldest first (none for a status never edited). */
    public List<StatusEdit> versions(long statusId) {
        return db.read(h -> h.createQuery("SELECT * FROM status_edits WHERE status_id = :s ORDER BY id")
                .bind("s", statusId)
                .map((rs, ctx) -> {
                    String poll = rs.getString("poll_options");
                    return new StatusEdit(rs.getLong("id"), rs.getLong("status_id"), rs.getLong("account_id"), rs.getString("text"),
                            rs.getString("content"), rs.getString("spoiler_text"), rs.getBoolean("sensitive"),
                            poll == null ? null : json.readList(poll, String.class), Instant.ofEpochMilli(rs.getLong("created_at")),
                            readIds(rs.getString("media_ids")));
                }).list());
    }

    private String write(Object o) { return json.write(o); }

    private List<Long> readIds(String s) { return json.readList(s, Long.class); }
}
