import { enforceRateLimits } from "~/utils/rate-limit.server";

// Per client address. The benchmarks and the e2e server raise them (every client there is
// 127.0.0.1 or a handful of addresses); the defaults are what the public site runs with.
const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** Any post of the concern form (checks, edits, submissions): 60 a minute per address. */
export function enforceConcernFormLimit(clientIp: string) {
  return enforceRateLimits([`concern-form:ip:${clientIp}`], num("CONCERN_FORM_LIMIT_PER_IP", 60));
}

/** Only real writes (a new concern or an added report): 10 in ten minutes per address. */
export function enforceConcernSubmitLimit(clientIp: string) {
  return enforceRateLimits([`concern-submit:ip:${clientIp}`], num("CONCERN_SUBMIT_LIMIT_PER_IP", 10), 600);
}
