// The voting module's browser-safe surface (types, constants, components).
export { VOTE_CHOICES } from "./tally";
export type { Tally, VoteChoice } from "./tally";
