import { run, type RunnerOptions, type TaskList } from "graphile-worker";
import { pruneRateLimits } from "~/utils/rate-limit.server";
import { publishDueBrief } from "~/modules/briefs/index.server";
import { closeBallotTask, remindBallotTask } from "~/modules/voting/index.server";
import { sendDigests } from "./digest.server";
import { recoverStalledSends, sendOutboxEmails } from "./sender.server";
import { runImport as runMetricsImport } from "~/modules/metrics/index.server";

/**
 * The job queue (graphile-worker, on the app's own PostgreSQL).
 *
 * Scheduling, for every module:
 * - A one-off job at a given time: `enqueueJob(tx, "my_task", payload, { runAt, jobKey })`
 *   inside the transaction of the change (jobs.server.ts). A `jobKey` such as
 *   `vote_closing:${analysisId}` makes re-scheduling replace the earlier job instead of adding one.
 * - A recurring job: add a line to CRONTAB below (UTC; `?id=` names the schedule, `?fill=`
 *   catches up after downtime, a JSON5 payload may follow). Every instance runs the crontab,
 *   and graphile-worker makes sure each tick runs once across all of them.
 * - Handlers: add one line to `taskList`, importing your module's function.
 */
export const taskList: TaskList = {
  async send_email(payload, helpers) {
    // `{ id }` is the single-email form older jobs carry; `{ ids }` is a batch (≤100).
    const { id, ids } = payload as { id?: string; ids?: string[] };
    await sendOutboxEmails(ids ?? (id ? [id] : []), { attempts: helpers.job.attempts, maxAttempts: helpers.job.max_attempts }, helpers.abortSignal);
  },
  async send_digest(payload) {
    const { frequency } = payload as { frequency?: string };
    if (frequency !== "daily" && frequency !== "weekly") throw new Error(`unknown digest frequency ${frequency}`);
    await sendDigests(frequency);
  },
  async recover_stalled_sends() {
    await recoverStalledSends();
  },
  close_ballot: closeBallotTask,
  remind_ballot: remindBallotTask,
  publish_brief: async (payload) => void (await publishDueBrief((payload as { briefId: string }).briefId)),
  metrics_commit_import: async (payload) => runMetricsImport((payload as { importId: string }).importId),
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
