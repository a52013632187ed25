import type { TaskList } from "graphile-worker";
import { publishDueBrief } from "./service.server";

/** The briefs module's job handlers (the job list is server/jobs.ts). */
export const briefTasks: TaskList = {
  publish_brief: async (payload) => void (await publishDueBrief((payload as { briefId: string }).briefId)),
};
