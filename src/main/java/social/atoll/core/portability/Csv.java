package social.atoll.core.portability;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV of Mastodon's exports (RFC 4180: commas, double quotes doubled inside quoted cells, CRLF or LF). Reading
 * is lenient about line endings, a byte-order mark and blank lines, as files pass through spreadsheets on the way.
 */
public final class Csv {

    private Csv() {}

    /** The rows of {@code text}; blank lines are left out. Fails with {@link CsvException} on an unclosed quote. */
    public static List<List<String>> parse(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false, any = false;
        int line = 1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else quoted = false;
                } else {
                    if (c == '\n') line++;
                    cell.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> { quoted = true; any = true; }
                case ',' -> { row.add(cell.toString()); cell.setLength(0); any = true; }
                case '\r' -> { }
                case '\n' -> {
                    line++;
                    if (any || !cell.isEmpty()) {
                        row.add(cell.toString());
                        rows.add(row);
                    }
                    row = new ArrayList<>();
                    cell.setLength(0);
                    any = false;
                }
                default -> { cell.append(c); any = true; }
            }
        }
        if (quoted) throw new CsvException("line " + line + " has a quote that is never closed");
        if (any || !cell.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /** One line of CSV (with its CRLF), quoting the cells that need it. */
    public static String line(String... cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) b.append(',');
            String c = cells[i] == null ? "" : cells[i];
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0)
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            else b.append(c);
        }
        return b.append("\r\n").toString();
    }

    /** A file that cannot be read as CSV; the message is shown to the person as it is. */
    public static final class CsvException extends RuntimeException {
        public CsvException(String message) { super(message); }
    }
}
