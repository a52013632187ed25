import type { TaskList } from "graphile-worker";
import { runImport } from "./service.server";

/** The metrics module's job handlers (the job list is server/jobs.ts). */
export const metricsTasks: TaskList = {
  metrics_commit_import: async (payload) => runImport((payload as { importId: string }).importId),
};
