import type { Task } from "graphile-worker";
import { closeBallot, remindBallot } from "./service.server";

const ballotIdOf = (payload: unknown) => {
  const id = (payload as { ballotId?: unknown } | null)?.ballotId;
  return typeof id === "string" ? id : null;
};

/** Runs at closes_at (job key ballot:<id>:close, so it is scheduled once). */
export const closeBallotTask: Task = async (payload) => {
  const id = ballotIdOf(payload);
  if (id) await closeBallot(id);
};

/** Runs 24 hours before closes_at (job key ballot:<id>:remind). */
export const remindBallotTask: Task = async (payload) => {
  const id = ballotIdOf(payload);
  if (id) await remindBallot(id);
};
