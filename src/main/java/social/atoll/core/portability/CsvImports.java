package social.atoll.core.portability;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowOptions;
import social.atoll.core.follow.FollowService;
import social.atoll.core.list.ListService;
import social.atoll.core.list.UserList;
import social.atoll.core.relationship.BlockService;
import social.atoll.core.relationship.DomainBlockService;
import social.atoll.core.relationship.MuteService;
import social.atoll.core.search.RemoteLookup;
import social.atoll.core.status.BookmarkService;
import social.atoll.core.status.Status;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Imports Mastodon's CSV files (following, lists, blocks, mutes, domain blocks, bookmarks) into an account, as a
 * durable job.
 *
 * <p>{@link #start} reads the whole file first (a file that is not what its type says is refused before anything is
 * stored), then stores the import, one row per line and the first job in one transaction. Each job applies a batch
 * of lines, each through the same service a person's own click calls ({@link FollowService}, {@link BlockService},
 * …), and records the line's outcome, so a restart carries on at the first pending line and a line is never applied
 * twice. Addresses of other servers are resolved through WebFinger ({@link RemoteLookup}), politely: at most
 * {@link #PER_HOST} lines naming one server per job, and jobs that had to hold lines back are spaced by
 * {@link #politeInterval}. In {@code overwrite} mode, once every line is done, what the file does not name is
 * removed (what a line that failed names is kept: a server that did not answer is no reason to unfollow).
 */
public final class CsvImports {

    private static final Logger log = LoggerFactory.getLogger(CsvImports.class);

    public record Step(long importId, int step) {}

    public static final JobType<Step> JOB = JobType.local("csv.import", Step.class);

    /** Mastodon's own cap on the lines of one import. */
    public static final int MAX_ROWS = 20_000;
    /** Lines applied per job at most. */
    static final int BATCH = 100;
    /** Lines naming one remote server applied per job at most. */
    static final int PER_HOST = 5;

    public record FailedRow(int line, String address, String reason) {}

    /** An import as the settings page and the API show it. */
    public record Summary(long id, CsvKind kind, boolean overwrite, String state, int total, int done, int failed, String error,
                          Instant createdAt, List<FailedRow> failures) {
        public boolean running() { return "running".equals(state); }

        /** Lines done or failed, out of 100. */
        public int percent() { return total == 0 ? 100 : (int) ((done + failed) * 100L / total); }
    }

    private final Database db;
    private final PortabilityStore store;
    private final AccountStore accounts;
    private final FollowService follows;
    private final BlockService blocks;
    private final MuteService mutes;
    private final DomainBlockService domainBlocks;
    private final ListService lists;
    private final BookmarkService bookmarks;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;
    private final String localDomain;
    private volatile RemoteLookup remote = RemoteLookup.NONE;
    private volatile Duration politeInterval = Duration.ofSeconds(1);

    public CsvImports(Database db, PortabilityStore store, AccountStore accounts, FollowService follows, BlockService blocks,
                      MuteService mutes, DomainBlockService domainBlocks, ListService lists, BookmarkService bookmarks,
                      JobQueue jobs, IdGenerator ids, Clock clock, String localDomain) {
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.follows = follows;
        this.blocks = blocks;
        this.mutes = mutes;
        this.domainBlocks = domainBlocks;
        this.lists = lists;
        this.bookmarks = bookmarks;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.localDomain = localDomain.toLowerCase(Locale.ROOT);
    }

    /**
     * Registers the job; {@code remote} resolves addresses and posts of other servers (federation provides it, and
     * is built after core).
     */
    public void register(RemoteLookup remote) {
        this.remote = remote;
        jobs.register(JOB, job -> {
            boolean heldBack = step(job.importId());
            var imp = store.byId(job.importId());
            if (imp.isPresent() && "running".equals(imp.get().state()))
                jobs.enqueueAtInOwnTransaction(JOB, job.importId() + ":" + (job.step() + 1), new Step(job.importId(), job.step() + 1),
                        clock.instant().plus(heldBack ? politeInterval : Duration.ZERO));
        });
    }

    /** The pause between two jobs of an import that held lines back for a server (tests shorten it). */
    public void politeInterval(Duration interval) { this.politeInterval = interval; }

    /**
     * Reads {@code data} as a CSV file of {@code kind} and starts importing it. Refuses (with
     * {@link ValidationException}, one line) a type that cannot be imported, and a file that is not CSV of that type.
     */
    public Summary start(long accountId, CsvKind kind, boolean overwrite, byte[] data) {
        if (!kind.importable()) throw new ValidationException(kind.slug() + " cannot be imported: accounts have to follow you themselves");
        List<PortabilityStore.Row> rows;
        try {
            rows = parse(kind, new String(data, StandardCharsets.UTF_8));
        } catch (Csv.CsvException e) {
            throw new ValidationException("the file is not CSV: " + e.getMessage());
        }
        long id = ids.next();
        long now = clock.millis();
        db.write(h -> {
            store.insertImport(h, new PortabilityStore.Import(id, accountId, kind, overwrite, "running", rows.size(), null, now, null));
            store.insertRows(h, id, rows);
            jobs.enqueue(JOB, id + ":0", new Step(id, 0));
            return null;
        });
        return summary(store.byId(id).orElseThrow(), 0);
    }

    /** The lines of a file of {@code kind}, with Mastodon's header or without, and one-column files without one. */
    List<PortabilityStore.Row> parse(CsvKind kind, String text) {
        List<List<String>> lines = Csv.parse(text);
        Map<String, PortabilityStore.Row> rows = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            List<String> cells = lines.get(i).stream().map(String::trim).toList();
            if (i == 0 && header(kind, cells)) continue;
            if (cells.stream().allMatch(String::isEmpty)) continue;
            int line = i + 1;
            PortabilityStore.Row row = switch (kind) {
                case FOLLOWING -> new PortabilityStore.Row(line, address(cells.get(0), line), null, flag(cells, 1, line), flag(cells, 2, line),
                        languages(cells), null, "pending", null, null);
                case MUTES -> new PortabilityStore.Row(line, address(cells.get(0), line), null, null, null, null, flag(cells, 1, line),
                        "pending", null, null);
                case LISTS -> {
                    if (cells.size() < 2 || cells.get(0).isEmpty() || cells.get(1).isEmpty())
                        throw new ValidationException("line " + line + " of a lists file needs a list name and an account address");
                    yield new PortabilityStore.Row(line, address(cells.get(1), line), cells.get(0), null, null, null, null, "pending", null, null);
                }
                case BLOCKS -> PortabilityStore.Row.pending(line, address(cells.get(0), line));
                case DOMAIN_BLOCKS -> PortabilityStore.Row.pending(line, cells.get(0));
                case BOOKMARKS -> {
                    if (!cells.get(0).startsWith("https://") && !cells.get(0).startsWith("http://"))
                        throw new ValidationException("line " + line + " of a bookmarks file is not the address of a post: " + cells.get(0));
                    yield PortabilityStore.Row.pending(line, cells.get(0));
                }
                case FOLLOWERS -> throw new IllegalStateException("followers are not imported");
            };
            rows.putIfAbsent((row.listName() == null ? "" : row.listName() + "\n") + row.address().toLowerCase(Locale.ROOT), row);
            if (rows.size() > MAX_ROWS) throw new ValidationException("the file has more than " + MAX_ROWS + " lines, the most one import takes");
        }
        if (rows.isEmpty()) throw new ValidationException("the file has no lines to import");
        return List.copyOf(rows.values());
    }

    private static boolean header(CsvKind kind, List<String> cells) {
        String first = cells.isEmpty() ? "" : cells.get(0).toLowerCase(Locale.ROOT);
        if (Set.of("account address", "#domain", "domain", "list name", "#uri", "uri", "url").contains(first)) return true;
        // a header in another language: the first cell of an account file names no account
        return kind.namesAccounts() && kind != CsvKind.LISTS && !first.contains("@") && first.contains(" ");
    }

    /** {@code user@domain} (lower-cased domain), from {@code @user@domain}, {@code acct:user@domain} or a local {@code user}. */
    private String address(String raw, int line) {
        String a = raw.startsWith("acct:") ? raw.substring(5) : raw;
        if (a.startsWith("@")) a = a.substring(1);
        int at = a.indexOf('@');
        String user = at < 0 ? a : a.substring(0, at);
        String domain = at < 0 ? localDomain : a.substring(at + 1).toLowerCase(Locale.ROOT);
        if (user.isEmpty() || domain.isEmpty() || domain.contains("@") || !user.matches("[A-Za-z0-9_.\\-]+") || domain.contains(" "))
            throw new ValidationException("line " + line + " is not an account address: " + raw);
        return user + "@" + domain;
    }

    private static Boolean flag(List<String> cells, int index, int line) {
        if (cells.size() <= index || cells.get(index).isEmpty()) return null;
        return switch (cells.get(index).toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ValidationException("line " + line + " has " + cells.get(index) + " where true or false belongs");
        };
    }

    private static String languages(List<String> cells) {
        if (cells.size() < 4 || cells.get(3).isBlank()) return null;
        return String.join(",", Arrays.stream(cells.get(3).split("[,\\s]+")).filter(s -> !s.isBlank()).toList());
    }

    // ---- the job ----

    /** Applies the next batch of lines of an import; true when lines were held back for a server's sake. */
    boolean step(long importId) {
        var imp = store.byId(importId).orElse(null);
        if (imp == null || !"running".equals(imp.state())) return false;
        Map<String, Integer> perHost = new HashMap<>();
        int applied = 0;
        boolean heldBack = false;
        for (PortabilityStore.Row row : store.pending(importId, BATCH * 5)) {
            if (applied >= BATCH) break;
            String host = remoteHost(imp.kind(), row);
            if (host != null && perHost.merge(host, 1, Integer::sum) > PER_HOST) {
                heldBack = true;
                continue;
            }
            apply(imp, row);
            applied++;
        }
        if (store.counts(importId).pending() == 0) {
            if (imp.overwrite()) prune(imp);
            store.finish(importId, "done", null, clock.millis());
        }
        return heldBack;
    }

    /** The other server a line makes us talk to, or null for this server's accounts and for domain blocks. */
    private String remoteHost(CsvKind kind, PortabilityStore.Row row) {
        if (kind == CsvKind.DOMAIN_BLOCKS) return null;
        if (kind == CsvKind.BOOKMARKS) {
            try {
                String host = java.net.URI.create(row.address()).getAuthority();
                return host == null || host.equalsIgnoreCase(localDomain) ? null : host.toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String domain = row.address().substring(row.address().indexOf('@') + 1);
        return domain.equals(localDomain) ? null : domain;
    }

    private void apply(PortabilityStore.Import imp, PortabilityStore.Row row) {
        long me = imp.accountId();
        try {
            Long target = switch (imp.kind()) {
                case FOLLOWING -> {
                    Account a = account(row.address());
                    List<String> langs = row.languages() == null ? null : List.of(row.languages().split(","));
                    follows.follow(me, a.id(), new FollowOptions(row.showReblogs(), row.notifyPosts(), langs));
                    yield a.id();
                }
                case BLOCKS -> {
                    Account a = account(row.address());
                    blocks.block(me, a.id());
                    yield a.id();
                }
                case MUTES -> {
                    Account a = account(row.address());
                    mutes.mute(me, a.id(), row.hideNotifications() == null || row.hideNotifications(), null);
                    yield a.id();
                }
                case DOMAIN_BLOCKS -> {
                    domainBlocks.block(me, row.address());
                    yield null;
                }
                case BOOKMARKS -> {
                    Status s = remote.url(row.address(), me).map(RemoteLookup.Found::status)
                            .orElseThrow(() -> new NotFoundException("no post was found at this address (deleted, private, or its server did not answer)"));
                    bookmarks.bookmark(me, s.id());
                    yield s.id();
                }
                case LISTS -> {
                    Account a = account(row.address());
                    addToList(me, row.listName(), a);
                    yield a.id();
                }
                case FOLLOWERS -> throw new IllegalStateException("followers are not imported");
            };
            store.markRow(imp.id(), row.index(), "done", null, target);
        } catch (ValidationException | NotFoundException | ForbiddenException e) {
            String reason = e instanceof ForbiddenException ? "not allowed (a block, a moved account, or yourself)"
                    : e instanceof NotFoundException && "account".equals(e.getMessage()) ? "the account cannot be followed or is suspended"
                    : e.getMessage();
            store.markRow(imp.id(), row.index(), "failed", reason, null);
        }
    }

    /** The account at {@code address} (from {@link #address}), asking its server through WebFinger when it is new here. */
    private Account account(String address) {
        int at = address.indexOf('@');
        String user = address.substring(0, at), domain = address.substring(at + 1);
        if (domain.equals(localDomain))
            return accounts.byAcct(user, null).orElseThrow(() -> new NotFoundException("there is no account " + address + " on this server"));
        Optional<Account> known = accounts.byAcct(user, domain);
        if (known.isPresent()) return known.get();
        try {
            return remote.account(user, domain)
                    .orElseThrow(() -> new NotFoundException("no account " + address + " was found (its server did not answer or does not know it)"));
        } catch (RuntimeException e) {
            if (e instanceof NotFoundException) throw e;
            log.info("cannot resolve {}: {}", address, e.toString());
            throw new NotFoundException("no account " + address + " was found (" + e.getMessage() + ")");
        }
    }

    private void addToList(long me, String title, Account member) {
        UserList list = lists.all(me).stream().filter(l -> l.title().equals(title)).findFirst()
                .orElseGet(() -> lists.create(me, title, null, false));
        if (lists.containing(me, member.id()).stream().anyMatch(l -> l.id() == list.id())) return;
        if (follows.follow(me, member.id(), FollowOptions.DEFAULTS) == FollowService.Outcome.REQUESTED && !store.follows(me, member.id()))
            throw new ValidationException("a follow request was sent to " + member.acct()
                    + "; it joins the list once accepted (import this file again then)");
        lists.addMembers(me, list.id(), List.of(member.id()));
    }

    /** Overwrite: removes what the file does not name, once every line is done. */
    private void prune(PortabilityStore.Import imp) {
        long me = imp.accountId();
        List<PortabilityStore.Row> done = store.rows(imp.id(), "done", MAX_ROWS);
        List<PortabilityStore.Row> failed = store.rows(imp.id(), "failed", MAX_ROWS);
        Set<Long> keep = new HashSet<>();
        for (var r : done) if (r.targetId() != null) keep.add(r.targetId());
        Set<String> named = new HashSet<>();
        for (var r : failed) named.add(r.address().toLowerCase(Locale.ROOT));
        switch (imp.kind()) {
            case FOLLOWING -> forEachDropped(store.followedIds(me), keep, named, id -> follows.unfollow(me, id));
            case BLOCKS -> forEachDropped(store.blockedIds(me), keep, named, id -> blocks.unblock(me, id));
            case MUTES -> forEachDropped(store.mutedIds(me), keep, named, id -> mutes.unmute(me, id));
            case DOMAIN_BLOCKS -> {
                Set<String> domains = new HashSet<>();
                for (var r : done) domains.add(DomainBlockService.normalize(r.address()));
                for (var r : failed) domains.add(r.address().toLowerCase(Locale.ROOT));
                for (String d : store.domainBlocks(me)) if (!domains.contains(d)) domainBlocks.unblock(me, d);
            }
            case BOOKMARKS -> {
                for (long id : store.bookmarkedIds(me)) {
                    if (keep.contains(id)) continue;
                    try {
                        bookmarks.unbookmark(me, id);
                    } catch (NotFoundException ignored) {
                        // a bookmark of a post no longer visible: nothing to show, nothing to remove
                    }
                }
            }
            case LISTS -> {
                Map<String, Set<Long>> members = new HashMap<>();
                for (var r : done) members.computeIfAbsent(r.listName(), k -> new HashSet<>()).add(r.targetId());
                for (var r : failed) members.computeIfAbsent(r.listName(), k -> new HashSet<>());
                for (UserList l : lists.all(me)) {
                    Set<Long> wanted = members.get(l.title());
                    if (wanted == null) continue;
                    List<Long> drop = new ArrayList<>();
                    for (var m : lists.members(me, l.id(), social.atoll.core.common.IdRange.newest(MAX_ROWS)))
                        if (!wanted.contains(m.accountId())) drop.add(m.accountId());
                    if (!drop.isEmpty()) lists.removeMembers(me, l.id(), drop);
                }
            }
            case FOLLOWERS -> { }
        }
    }

    private void forEachDropped(List<Long> current, Set<Long> keep, Set<String> named, java.util.function.LongConsumer drop) {
        List<Long> candidates = current.stream().filter(id -> !keep.contains(id)).toList();
        if (candidates.isEmpty()) return;
        Map<Long, Account> byId = accounts.byIds(candidates);
        for (long id : candidates) {
            Account a = byId.get(id);
            if (a != null && named.contains((a.username() + "@" + (a.domain() == null ? localDomain : a.domain())).toLowerCase(Locale.ROOT))) continue;
            try {
                drop.accept(id);
            } catch (NotFoundException ignored) {
                // a suspended account: its relationship is hidden already
            }
        }
    }

    // ---- what the person sees ----

    public List<Summary> recent(long accountId, int limit) {
        return store.recent(accountId, limit).stream().map(i -> summary(i, 50)).toList();
    }

    public Optional<Summary> byId(long accountId, long importId) {
        return store.byId(importId).filter(i -> i.accountId() == accountId).map(i -> summary(i, 1000));
    }

    private Summary summary(PortabilityStore.Import i, int failures) {
        var c = store.counts(i.id());
        List<FailedRow> failed = failures == 0 ? List.of()
                : store.rows(i.id(), "failed", failures).stream().map(r -> new FailedRow(r.index(), r.address(), r.error())).toList();
        return new Summary(i.id(), i.kind(), i.overwrite(), i.state(), i.totalRows(), c.done(), c.failed(), i.error(),
                Instant.ofEpochMilli(i.createdAt()), failed);
    }
}
