package social.atoll.core.moderation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.account.AccountService;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceService;
import social.atoll.core.instance.Rule;
import social.atoll.core.instance.RuleStore;
import social.atoll.core.instance.SiteSettings;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * Staff editing the server's texts ({@code manage_settings}: title, descriptions, contact e-mail, the message shown
 * when sign-ups need approval) and its rules ({@code manage_rules}: add at the end, remove), each change audited.
 * A blank text removes the setting, so the server's default applies again.
 */
public final class ServerSettings {

    /** The texts staff edit, in the order a form shows them, with each one's length limit. */
    public static final Map<String, Integer> TEXTS;

    static {
        Map<String, Integer> t = new LinkedHashMap<>();
        t.put(SiteSettings.TITLE, 100);
        t.put(SiteSettings.SHORT_DESCRIPTION, 500);
        t.put(SiteSettings.EXTENDED_DESCRIPTION, 20_000);
        t.put(SiteSettings.CONTACT_EMAIL, 320);
        t.put(SiteSettings.CONTACT_USERNAME, 100);
        t.put(SiteSettings.REGISTRATIONS_MODE, 10);
        t.put(SiteSettings.REGISTRATIONS_MESSAGE, 1_000);
        t.put(SiteSettings.PRIVACY_POLICY, 100_000);
        t.put(SiteSettings.TERMS_OF_SERVICE, 100_000);
        t.put(SiteSettings.TERMS_OF_SERVICE_EFFECTIVE_DATE, 10);
        t.put(SiteSettings.TRENDABLE_BY_DEFAULT, 5);
        t.put(SiteSettings.APPROVE_NEW_SERVERS, 5);
        TEXTS = java.util.Collections.unmodifiableMap(t);
    }

    /** The settings among {@link #TEXTS} that are {@code true} or {@code false} (blank: the default). */
    public static final java.util.Set<String> BOOLEANS = java.util.Set.of(SiteSettings.TRENDABLE_BY_DEFAULT, SiteSettings.APPROVE_NEW_SERVERS);

    public static final int MAX_RULE = 300;
    public static final int MAX_HINT = 1_000;

    private final Database db;
    private final SiteSettings site;
    private final InstanceService instance;
    private final RuleStore rules;
    private final ActionLogStore log;
    private final IdGenerator ids;
    private final Clock clock;

    public ServerSettings(Database db, SiteSettings site, InstanceService instance, RuleStore rules, ActionLogStore log, IdGenerator ids,
                          Clock clock) {
        this.db = db;
        this.site = site;
        this.instance = instance;
        this.rules = rules;
        this.log = log;
        this.ids = ids;
        this.clock = clock;
    }

    /** The stored texts (a name absent: its default applies). */
    public Map<String, String> texts(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.MANAGE_SETTINGS);
        Map<String, String> all = site.all();
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : TEXTS.keySet()) out.put(name, all.getOrDefault(name, ""));
        return out;
    }

    /** One stored text (blank when its default applies); the names of {@link #TEXTS}. */
    public String text(StaffAccess.Actor actor, String name) {
        if (!TEXTS.containsKey(name)) throw new ValidationException("Unknown setting " + name);
        return texts(actor).get(name);
    }

    /** Sets the texts given (names outside {@link #TEXTS} are refused); one audit row names what changed. */
    public void updateTexts(StaffAccess.Actor actor, Map<String, String> values) {
        StaffAccess.require(actor, Permission.MANAGE_SETTINGS);
        Map<String, String> clean = new LinkedHashMap<>();
        for (var e : values.entrySet()) {
            Integer max = TEXTS.get(e.getKey());
            if (max == null) throw new ValidationException("Unknown setting " + e.getKey());
            String v = e.getValue() == null ? "" : e.getValue().strip();
            if (v.length() > max) throw new ValidationException(e.getKey() + " is too long (maximum is " + max + " characters)");
            if (e.getKey().equals(SiteSettings.CONTACT_EMAIL) && !v.isEmpty() && !AccountService.validEmail(v))
                throw new ValidationException(e.getKey() + " is invalid");
            if (e.getKey().equals(SiteSettings.REGISTRATIONS_MODE) && !v.isEmpty()) {
                v = InstanceService.mode(v).orElseThrow(() -> new ValidationException(
                        SiteSettings.REGISTRATIONS_MODE + " must be open, approval, invite or closed")).name().toLowerCase(java.util.Locale.ROOT);
            }
            if (BOOLEANS.contains(e.getKey()) && !v.isEmpty()) {
                v = v.toLowerCase(java.util.Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) throw new ValidationException(e.getKey() + " must be true or false");
            }
            if (e.getKey().equals(SiteSettings.TERMS_OF_SERVICE_EFFECTIVE_DATE) && !v.isEmpty()) {
                try {
                    java.time.LocalDate.parse(v);
                } catch (java.time.format.DateTimeParseException bad) {
                    throw new ValidationException(e.getKey() + " must be a date like 2026-01-31");
                }
            }
            clean.put(e.getKey(), v);
        }
        Map<String, String> before = site.all();
        List<String> changed = new ArrayList<>();
        for (var e : clean.entrySet()) if (!e.getValue().equals(before.getOrDefault(e.getKey(), ""))) changed.add(e.getKey());
        if (changed.isEmpty()) return;
        java.time.Instant now = clock.instant();
        db.write(h -> {
            for (String name : changed) site.put(h, name, clean.get(name));
            if (changed.contains(SiteSettings.PRIVACY_POLICY)) site.put(h, SiteSettings.PRIVACY_POLICY_UPDATED_AT, now.toString());
            // new terms without a date of their own apply from today (Mastodon asks for the date; a blank one is today)
            if (changed.contains(SiteSettings.TERMS_OF_SERVICE) && !changed.contains(SiteSettings.TERMS_OF_SERVICE_EFFECTIVE_DATE)
                    && !clean.getOrDefault(SiteSettings.TERMS_OF_SERVICE, "").isEmpty())
                site.put(h, SiteSettings.TERMS_OF_SERVICE_EFFECTIVE_DATE, java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).toString());
            log.record(h, actor, "update", "Settings", 0, String.join(", ", changed), Map.of("settings", changed));
            return null;
        });
    }

    public List<Rule> rules(StaffAccess.Actor actor) {
        StaffAccess.require(actor, Permission.MANAGE_RULES);
        return instance.rules();
    }

    /** Adds a rule after the others. */
    public Rule addRule(StaffAccess.Actor actor, String text, String hint) {
        StaffAccess.require(actor, Permission.MANAGE_RULES);
        String t = text == null ? "" : text.strip();
        String h = hint == null ? "" : hint.strip();
        if (t.isEmpty()) throw new ValidationException("Text can't be blank");
        if (t.length() > MAX_RULE) throw new ValidationException("Text is too long (maximum is " + MAX_RULE + " characters)");
        if (h.length() > MAX_HINT) throw new ValidationException("Hint is too long (maximum is " + MAX_HINT + " characters)");
        Rule r = new Rule(ids.next(), t, h);
        db.write(handle -> {
            rules.insertLast(handle, r, clock.instant());
            log.record(handle, actor, "create", "Rule", r.id(), t, Map.of());
            return null;
        });
        return r;
    }

    /**
     * Removes a rule. Reports that named it keep their category; the dashboard no longer lists the removed rule
     * on them (the table has no soft delete).
     */
    public void removeRule(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_RULES);
        db.write(h -> {
            Rule r = rules.byId(h, id).orElseThrow(() -> new NotFoundException("rule"));
            rules.delete(h, id);
            log.record(h, actor, "destroy", "Rule", id, r.text(), Map.of());
            return null;
        });
    }
}
