import { isProduction } from "~/utils/env.server";
import { seedAnalyses } from "./analyses";
import { seedBriefs } from "./briefs";
import { seedConcerns } from "./concerns";
import { seedLoopHistory } from "./loop-history";
import { seedMeetings } from "./meetings";
import { seedMetrics } from "./metrics";
import { refreshConcernLoop } from "~/modules/responses/index.server";
import { seedResponses } from "./responses";
import { seedUsers } from "./users";

/**
 * Idempotent demo data: running it twice changes nothing. Each module adds its seed step
 * below, after the ones it depends on. Never runs in production.
 */
export async function seedDemoData() {
  if (isProduction()) throw new Error("Refusing to seed demo data when NODE_ENV=production.");
  const logins = await seedUsers();
  await seedAnalyses();
  await seedBriefs();
  await seedConcerns();
  await seedMeetings();
  await seedMetrics();
  // Last: responses tie together concerns, policies, analyses and metric snapshots.
  await seedResponses();
  // Last year's concerns taken through the loop, then the loop counted.
  await seedLoopHistory();
  await refreshConcernLoop();
  return logins;
}
