-- The "federation.distribute" job (render a local status after commit, then enqueue its deliveries) is gone:
-- posting now enqueues the deliveries in its own transaction. Jobs of that type left in a queue have no handler
-- any more and would be polled for ever; the posts they were for were made just before the upgrade.
DELETE FROM scheduled_tasks WHERE task_name = 'federation.distribute';
