import type { TaskList } from "graphile-worker";
import { sendDigests } from "./digest.server";
import { recoverStalledSends, sendOutboxEmails } from "./sender.server";

/** The notifications module's job handlers (the job list is server/jobs.ts). */
export const notificationTasks: TaskList = {
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
};
