// The voting module's public surface on the server: other code imports from here, never deeper.
export { getBallotForSubject, getVoterState, listNamedVotes, listRecusals, tallyBallot } from "./queries.server";
export { REMINDER_BEFORE_MS, castVote, closeJobKey, openBallot, recuse, remindBallot, remindJobKey, updateBallotSettings } from "./service.server";
export type { Actor, BallotSettings, SettingsChange, VoteOutcome } from "./service.server";
export { closeBallotTask, remindBallotTask } from "./tasks.server";
