/**
 * Which subject a measure belongs to, for markers: the drug-charging policy is marked on every
 * drug measure, an event recorded for "weapons" on every firearms measure. A measure belongs to
 * a topic by its key (new measures named drug_* or firearm_* join without a change here).
 */
export const EVENT_SCOPES = ["all", "drug", "weapons"] as const;
export type EventScope = (typeof EVENT_SCOPES)[number];

export function measureTopics(key: string, filters: Record<string, string | undefined> = {}): EventScope[] {
  const out: EventScope[] = ["all"];
  if (/(^|_)drug(s)?(_|$)/.test(key) || filters.offense === "drug") out.push("drug");
  if (/(^|_)(firearms?|weapons?|gun)(_|$)/.test(key) || filters.offense === "weapons") out.push("weapons");
  return out;
}
