// The voting module's public surface on the server: other code imports from here, never deeper.
export {
  ballotsForRecords,
  closedRollCallsBetween,
  getBallotForSubject,
  getBallotsForSubjects,
  getVoterState,
  isOfficial,
  listNamedVotes,
  listRecusals,
  listRollCall,
  tallyBallot,
} from "./queries.server";
export type { Ballot } from "./queries.server";
export {
  REMINDER_BEFORE_MS,
  castVote,
  closeBallot,
  closeJobKey,
  openBallot,
  recordRollCall,
  recuse,
  remindBallot,
  remindJobKey,
  updateBallotSettings,
} from "./service.server";
export type { Actor, BallotSettings, OpenRefusal, SettingsChange, VoteOutcome } from "./service.server";
export { closeBallotTask, remindBallotTask } from "./tasks.server";
