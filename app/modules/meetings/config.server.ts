import { DEFAULT_COUNTY_TIME_ZONE, isTimeZone } from "./time";

/** The county's time zone: meetings are scheduled, shown and exported in it. Env COUNTY_TIME_ZONE overrides. */
export function countyTimeZone(): string {
  const configured = process.env.COUNTY_TIME_ZONE?.trim();
  if (configured && isTimeZone(configured)) return configured;
  return DEFAULT_COUNTY_TIME_ZONE;
}

/** Share of CAB members who must be present for a quorum, in percent (env CAB_QUORUM_PERCENT, default 50). */
export function quorumPercent(): number {
  const n = Number(process.env.CAB_QUORUM_PERCENT ?? 50);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 50;
}
