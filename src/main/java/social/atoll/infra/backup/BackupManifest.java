package social.atoll.infra.backup;

import java.util.List;

/**
 * {@code manifest.json}, the last entry of a backup: what made it, what schema its rows fit, and every other entry
 * with its size and SHA-256, so a restore can refuse a damaged or altered archive before it writes anything.
 *
 * @param format        always {@link #FORMAT}
 * @param formatVersion the layout of the archive; a restore refuses a layout it does not know
 * @param atollVersion  the Atoll that wrote it
 * @param schemaVersion the last database migration its rows were taken at
 * @param database      {@code sqlite} or {@code postgresql}, where the rows came from (they load into either)
 * @param createdAt     when the snapshot was taken (ISO-8601)
 * @param storage       the media driver of the server ({@code local} or {@code s3})
 * @param mediaIncluded whether media files are in the archive (always for local storage; with {@code --include-media} for S3)
 * @param tables        the database's tables in the order written, with their row counts
 * @param entries       every entry but this manifest
 */
public record BackupManifest(String format, int formatVersion, String atollVersion, String schemaVersion, String database,
                             String createdAt, String storage, boolean mediaIncluded, List<Table> tables, List<Entry> entries) {

    public static final String FORMAT = "atoll-backup";
    public static final int FORMAT_VERSION = 1;
    public static final String NAME = "manifest.json";

    public record Table(String name, long rows) {}

    public record Entry(String name, long size, String sha256) {}

    /** The archive entry that holds a table's rows. */
    public static String tableEntry(String table) { return "db/" + table + ".jsonl"; }
}
