package social.atoll.core.filter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;

/**
 * Which of a viewer's active filters match which statuses, the way Mastodon matches them: a keyword matches
 * case-insensitively anywhere in the status's text — its content with the HTML stripped, its content warning, its
 * media descriptions and its poll options — and a {@code whole_word} keyword only between word boundaries (a
 * boundary is required only on a side where the keyword itself starts or ends with a word character). A boost is
 * matched by the status it boosts. Filtered statuses match by id.
 *
 * <p>A page is matched with a fixed number of queries: the filters (three), the boosted statuses, media
 * descriptions and poll options.
 */
public final class StatusFilterMatcher {

    /** One filter matching one status. */
    public record Match(Filter filter, List<String> keywordMatches, List<String> statusMatches) {}

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</p>\\s*<p[^>]*>");

    private final Database db;
    private final FilterStore filters;
    private final StatusStore statuses;
    private final JsonColumns json;
    private final Clock clock;

    public StatusFilterMatcher(Database db, FilterStore filters, StatusStore statuses, JsonColumns json, Clock clock) {
        this.db = db;
        this.filters = filters;
        this.statuses = statuses;
        this.json = json;
        this.clock = clock;
    }

    /** Which of {@code viewerIds} have any filter (the others match nothing, whatever the status). One query. */
    public Set<Long> viewersWithFilters(Collection<Long> viewerIds) { return filters.accountsWithFilters(viewerIds); }

    /**
     * Matches keyed by the id of each given status (a boost under its own id). {@code context} non-null keeps only
     * filters applying there. Statuses nothing matches are absent.
     */
    public Map<Long, List<Match>> match(long viewerId, Collection<Status> list, String context) {
        if (list.isEmpty()) return Map.of();
        List<Filter> active = filters.all(viewerId, clock.instant()).stream().filter(f -> f.appliesTo(context)).toList();
        if (active.isEmpty()) return Map.of();

        Map<Long, Status> proper = new HashMap<>();
        Set<Long> missing = new HashSet<>();
        Map<Long, Status> given = new HashMap<>();
        for (Status s : list) given.put(s.id(), s);
        for (Status s : list) if (s.isReblog() && !given.containsKey(s.reblogOfId())) missing.add(s.reblogOfId());
        Map<Long, Status> originals = new HashMap<>(statuses.byIds(missing));
        originals.putAll(given);
        for (Status s : list) {
            Status p = s.isReblog() ? originals.get(s.reblogOfId()) : s;
            if (p != null) proper.put(s.id(), p);
        }
        boolean anyKeywords = active.stream().anyMatch(f -> !f.keywords().isEmpty());
        Map<Long, String> texts = anyKeywords ? searchableTexts(new HashSet<>(proper.values())) : Map.of();
        Map<Long, Pattern> patterns = new HashMap<>();
        for (Filter f : active) for (Filter.Keyword k : f.keywords()) patterns.put(k.id(), pattern(k));

        Map<Long, List<Match>> out = new HashMap<>();
        for (Status s : list) {
            Status p = proper.get(s.id());
            if (p == null) continue;
            String text = texts.getOrDefault(p.id(), "");
            List<Match> matches = new ArrayList<>();
            for (Filter f : active) {
                Set<String> keywordMatches = new LinkedHashSet<>();
                for (Filter.Keyword k : f.keywords()) {
                    Matcher m = patterns.get(k.id()).matcher(text);
                    while (m.find()) keywordMatches.add(m.group());
                }
                List<String> statusMatches = new ArrayList<>();
                for (Filter.FilteredStatus fs : f.statuses()) {
                    if (fs.statusId() == p.id() || fs.statusId() == s.id()) statusMatches.add(Long.toString(fs.statusId()));
                }
                if (!keywordMatches.isEmpty() || !statusMatches.isEmpty())
                    matches.add(new Match(f, keywordMatches.isEmpty() ? null : List.copyOf(keywordMatches), statusMatches.isEmpty() ? null : statusMatches));
            }
            if (!matches.isEmpty()) out.put(s.id(), matches);
        }
        return out;
    }

    static Pattern pattern(Filter.Keyword k) {
        String kw = k.keyword();
        String quoted = Pattern.quote(kw);
        if (!k.wholeWord() || kw.isEmpty()) return Pattern.compile(quoted, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        boolean wordStart = isWord(kw.codePointAt(0));
        boolean wordEnd = isWord(kw.codePointBefore(kw.length()));
        String regex = (wordStart ? "(?<![\\p{L}\\p{N}_])" : "") + quoted + (wordEnd ? "(?![\\p{L}\\p{N}_])" : "");
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static boolean isWord(int cp) { return Character.isLetterOrDigit(cp) || cp == '_'; }

    /** Content (HTML stripped), content warning, media descriptions and poll options, per status, joined. */
    private Map<Long, String> searchableTexts(Collection<Status> list) {
        List<Long> ids = list.stream().map(Status::id).toList();
        Map<Long, List<String>> extra = new HashMap<>();
        db.read(h -> {
            h.createQuery("SELECT status_id, description FROM media_attachments WHERE status_id IN (<ids>) AND description IS NOT NULL")
                    .bindList("ids", ids).map((rs, c) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .forEach(e -> extra.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(e.getValue()));
            h.createQuery("SELECT status_id, options FROM polls WHERE status_id IN (<ids>)")
                    .bindList("ids", ids).map((rs, c) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .forEach(e -> extra.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).addAll(pollOptions(e.getValue())));
            return null;
        });
        Map<Long, String> out = new HashMap<>();
        for (Status s : list) {
            StringBuilder b = new StringBuilder();
            if (s.spoilerText() != null) b.append(s.spoilerText()).append("\n\n");
            b.append(plainText(s.content()));
            for (String e : extra.getOrDefault(s.id(), List.of())) b.append("\n\n").append(e);
            out.put(s.id(), b.toString());
        }
        return out;
    }

    private List<String> pollOptions(String raw) {
        try {
            return json.readList(raw, String.class);
        } catch (JsonColumns.JsonColumnException e) {
            return List.of(); // options stored in another shape carry no text we can match
        }
    }

    /** The visible text of status HTML: paragraphs and breaks become newlines, tags go, entities are decoded. */
    static String plainText(String html) {
        if (html == null || html.isEmpty()) return "";
        String t = BREAK.matcher(html).replaceAll("\n");
        t = TAG.matcher(t).replaceAll("");
        return unescape(t);
    }

    private static String unescape(String s) {
        if (s.indexOf('&') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            if (semi > i && semi - i <= 10) {
                String entity = s.substring(i + 1, semi).toLowerCase(Locale.ROOT);
                String decoded = switch (entity) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> " ";
                    default -> numeric(entity);
                };
                if (decoded != null) {
                    b.append(decoded);
                    i = semi + 1;
                    continue;
                }
            }
            b.append(c);
            i++;
        }
        return b.toString();
    }

    private static String numeric(String entity) {
        try {
            if (entity.startsWith("#x")) return new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
            if (entity.startsWith("#")) return new String(Character.toChars(Integer.parseInt(entity.substring(1))));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
