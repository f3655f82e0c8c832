package social.atoll.infra.jobs;

import com.github.kagkarlsson.scheduler.TaskResolver;
import com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepositoryContext;
import com.github.kagkarlsson.scheduler.jdbc.SqliteJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Execution;
import java.time.Instant;
import java.util.List;

/**
 * db-scheduler on SQLite, claiming due jobs in batches: one {@code UPDATE … RETURNING} marks up to a batch of due
 * rows as picked by this process and hands them back, as db-scheduler does on PostgreSQL with {@code SKIP LOCKED}.
 * Without it db-scheduler selects due rows and then takes them one {@code UPDATE} at a time, each a trip through
 * SQLite's single write connection that the inbox and the jobs themselves are waiting for (the federation bench showed
 * the workers queueing on that connection). The statement is one write transaction, and SQLite lets one writer in at a
 * time (this process's pool of one, other processes by the file lock), so no row can be claimed twice; a claimed job
 * of a killed process goes back to the queue as before ({@link JobQueue}'s release of dead owners, then heartbeats).
 */
final class SqliteBatchClaim extends SqliteJdbcCustomization {

    @Override
    public boolean supportsSingleStatementLockAndFetch() { return true; }

    @Override
    public List<Execution> lockAndFetchSingleStatement(JdbcTaskRepositoryContext ctx, Instant now, int limit, boolean orderByPriority) {
        // rows of task types this process does not know stay where they are, as db-scheduler's own queries leave them
        List<String> unresolved = ctx.taskResolver.getUnresolved().stream().map(TaskResolver.UnresolvedTask::getTaskName).toList();
        String notUnresolved = unresolved.isEmpty() ? "" : " AND task_name NOT IN (" + String.join(", ", unresolved.stream().map(n -> "?").toList()) + ")";
        String order = orderByPriority ? " ORDER BY priority DESC, execution_time ASC" : " ORDER BY execution_time ASC";
        String sql = "UPDATE " + ctx.tableName + " SET picked = ?, picked_by = ?, last_heartbeat = ?, version = version + 1"
                + " WHERE (task_name, task_instance) IN (SELECT task_name, task_instance FROM " + ctx.tableName
                + " WHERE picked = ? AND execution_time <= ?" + notUnresolved + order + " LIMIT ?) RETURNING *";
        String owner = ctx.schedulerName.getName();
        return ctx.jdbcRunner.query(sql, ps -> {
            int i = 1;
            ps.setBoolean(i++, true);
            ps.setString(i++, owner.length() > 50 ? owner.substring(0, 50) : owner); // db-scheduler truncates it so too
            setInstant(ps, i++, now);
            ps.setBoolean(i++, false);
            setInstant(ps, i++, now);
            for (String name : unresolved) ps.setString(i++, name);
            ps.setInt(i, limit);
        }, ctx.resultSetMapper.get());
    }
}
