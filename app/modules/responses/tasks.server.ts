import type { TaskList } from "graphile-worker";
import { refreshConcernLoop } from "./loop.server";

/** The responses module's job handlers (the job list and its schedule are server/jobs.ts). */
export const responseTasks: TaskList = {
  concern_loop_refresh: async () => {
    await refreshConcernLoop();
  },
};
