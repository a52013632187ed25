import { run, type RunnerOptions, type TaskList } from "graphile-worker";
import { briefTasks } from "~/modules/briefs/index.server";
import { metricsTasks } from "~/modules/metrics/index.server";
import { notificationTasks } from "~/modules/notifications/index.server";
import { responseTasks } from "~/modules/responses/index.server";
import { closeBallotTask, remindBallotTask } from "~/modules/voting/index.server";
import { pruneRateLimits } from "~/utils/rate-limit.server";

/**
 * The job list: every task the queue (graphile-worker, on the app's own PostgreSQL) runs, and
 * its schedule. It lives here, above the modules, so that no module imports another one to
 * register its jobs; each module exports its handlers through its index.server.
 *
 * Scheduling, for every module:
 * - A one-off job at a given time: `enqueueJob(tx, "my_task", payload, { runAt, jobKey })` (from
 *   ~/modules/notifications/index.server) inside the transaction of the change. A `jobKey` such
 *   as `vote_closing:${analysisId}` makes re-scheduling replace the earlier job instead of adding one.
 * - A recurring job: add a line to CRONTAB below (UTC; `?id=` names the schedule, `?fill=`
 *   catches up after downtime, a JSON5 payload may follow). Every instance runs the crontab,
 *   and graphile-worker makes sure each tick runs once across all of them.
 * - Handlers: export them from your module's index.server and spread them into `taskList`.
 */
export const taskList: TaskList = {
  ...notificationTasks,
  ...briefTasks,
  ...metricsTasks,
  ...responseTasks,
  close_ballot: closeBallotTask,
  remind_ballot: remindBallotTask,
  async prune_rate_limits() {
    await pruneRateLimits();
  },
};

export const CRONTAB = [
  "*/10 * * * * prune_rate_limits",
  // Frees send jobs held by a worker that died (see recoverStalledSends).
  "*/5 * * * * recover_stalled_sends",
  // Digests go out at 13:00 UTC (morning in the Americas); the weekly one on Mondays.
  `0 13 * * * send_digest ?id=digest_daily&fill=6h {frequency:"daily"}`,
  `0 13 * * 1 send_digest ?id=digest_weekly&fill=1d {frequency:"weekly"}`,
  // Concerns in the loop are recounted every hour (it republishes only when a count changed).
  "7 * * * * concern_loop_refresh ?fill=1h",
].join("\n");

/** A graphile-worker runner for this app; tests and the benchmark pass their own options. */
export function createRunner(options: Partial<RunnerOptions> = {}) {
  return run({
    connectionString: process.env.DATABASE_URL,
    concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
    noHandleSignals: true,
    pollInterval: 1000,
    taskList,
    crontab: CRONTAB,
    ...options,
  });
}

/** Runs the job queue in this process; returns a function that stops it. */
export async function startWorker() {
  const runner = await createRunner();
  return () => runner.stop();
}
