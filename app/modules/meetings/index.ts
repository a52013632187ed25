// The meetings module's browser-safe surface (types, constants, components).
export { formatDate, formatMeetingRange, formatMeetingTime, utcToWallTime, wallTimeToUtc } from "./time";
