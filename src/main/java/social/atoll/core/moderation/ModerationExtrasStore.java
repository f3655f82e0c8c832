package social.atoll.core.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.db.RecordMapper;

/** SQL for {@code account_warning_presets}, {@code report_notes} and {@code report_status_snapshots}. */
public final class ModerationExtrasStore {

    private static final RowMapper<WarningPreset> PRESET = RecordMapper.of(WarningPreset.class);
    private static final RowMapper<ReportNote> NOTE = RecordMapper.of(ReportNote.class);

    private final Database db;
    private final JsonColumns json;

    public ModerationExtrasStore(Database db, JsonColumns json) {
        this.db = db;
        this.json = json;
    }

    // ---- warning presets

    public List<WarningPreset> presets() {
        return db.read(h -> h.createQuery("SELECT id, title, text, created_at, updated_at FROM account_warning_presets ORDER BY title, id")
                .map(PRESET).list());
    }

    public Optional<WarningPreset> preset(Handle h, long id) {
        return h.createQuery("SELECT id, title, text, created_at, updated_at FROM account_warning_presets WHERE id = :id").bind("id", id)
                .map(PRESET).findOne();
    }

    public void insertPreset(Handle h, WarningPreset p) {
        h.createUpdate("INSERT INTO account_warning_presets (id, title, text, created_at, updated_at) VALUES (:id, :title, :text, :now, :now)")
                .bind("id", p.id()).bind("title", p.title()).bind("text", p.text()).bind("now", p.createdAt()).execute();
    }

    public void updatePreset(Handle h, long id, String title, String text, Instant now) {
        h.createUpdate("UPDATE account_warning_presets SET title = :title, text = :text, updated_at = :now WHERE id = :id")
                .bind("title", title).bind("text", text).bind("now", now).bind("id", id).execute();
    }

    public void deletePreset(Handle h, long id) {
        h.createUpdate("DELETE FROM account_warning_presets WHERE id = :id").bind("id", id).execute();
    }

    // ---- report notes

    public List<ReportNote> notes(long reportId) {
        return db.read(h -> h.createQuery("SELECT id, report_id, account_id, content, created_at FROM report_notes WHERE report_id = :r ORDER BY id")
                .bind("r", reportId).map(NOTE).list());
    }

    public Optional<ReportNote> note(Handle h, long id) {
        return h.createQuery("SELECT id, report_id, account_id, content, created_at FROM report_notes WHERE id = :id").bind("id", id)
                .map(NOTE).findOne();
    }

    public void insertNote(Handle h, ReportNote n) {
        h.createUpdate("INSERT INTO report_notes (id, report_id, account_id, content, created_at) VALUES (:id, :r, :a, :c, :now)")
                .bind("id", n.id()).bind("r", n.reportId()).bind("a", n.accountId()).bind("c", n.content()).bind("now", n.createdAt()).execute();
    }

    public void deleteNote(Handle h, long id) { h.createUpdate("DELETE FROM report_notes WHERE id = :id").bind("id", id).execute(); }

    // ---- reported posts' snapshots

    /** Copies {@code statusIds} (those that exist) into the report's snapshots, with their attachments' kinds and descriptions. */
    public void snapshot(Handle h, long reportId, List<Long> statusIds) {
        if (statusIds.isEmpty()) return;
        h.createUpdate("""
                        INSERT INTO report_status_snapshots (report_id, status_id, uri, url, content, spoiler_text, visibility, sensitive,
                                                             status_created_at)
                        SELECT :r, id, uri, url, content, spoiler_text, visibility, sensitive, created_at FROM statuses WHERE id IN (<ids>)""")
                .bind("r", reportId).bindList("ids", statusIds).execute();
        for (long id : statusIds) {
            List<Map<String, String>> media = new ArrayList<>();
            h.createQuery("SELECT type, description FROM media_attachments WHERE status_id = :s ORDER BY position, id").bind("s", id)
                    .map((rs, ctx) -> Map.of("type", rs.getString(1), "description", rs.getString(2) == null ? "" : rs.getString(2)))
                    .forEach(media::add);
            if (!media.isEmpty())
                h.createUpdate("UPDATE report_status_snapshots SET media = :m WHERE report_id = :r AND status_id = :s")
                        .bind("m", json.write(media)).bind("r", reportId).bind("s", id).execute();
        }
    }

    public List<ReportSnapshot> snapshots(long reportId) {
        return db.read(h -> h.createQuery("""
                        SELECT status_id, uri, url, content, spoiler_text, visibility, sensitive, media, status_created_at
                        FROM report_status_snapshots WHERE report_id = :r ORDER BY status_id""")
                .bind("r", reportId)
                .map((rs, ctx) -> {
                    List<ReportSnapshot.Media> media = new ArrayList<>();
                    for (Object o : json.readList(rs.getString("media"), Map.class)) {
                        Map<?, ?> m = (Map<?, ?>) o;
                        media.add(new ReportSnapshot.Media(String.valueOf(m.get("type")), String.valueOf(m.get("description"))));
                    }
                    return new ReportSnapshot(reportId, rs.getLong("status_id"), rs.getString("uri"), rs.getString("url"), rs.getString("content"),
                            rs.getString("spoiler_text"), rs.getString("visibility"), rs.getBoolean("sensitive"), media,
                            Instant.ofEpochMilli(rs.getLong("status_created_at")));
                }).list());
    }
}
