// The concerns module's browser-safe surface (types, constants, components).
export { blockKeyFor, englishLocation, hundredBlock, parsePublicLocation, publicLocationLabel } from "./block";
export type { PublicLocation } from "./block";
export { dayLabel, formatTrackingCode, kindName, monthLabel } from "./format";
export { CONCERN_STATUSES, NEXT_STATUSES, isConcernStatus } from "./status";
export { DESCRIPTION_MAX } from "./statuses";
export { COUNTY_TIME_ZONE, addDays, countyDay } from "./time";
