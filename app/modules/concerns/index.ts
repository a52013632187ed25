// The concerns module's browser-safe surface (types, constants, components).
export { blockKeyFor, hundredBlock } from "./block";
export { formatTrackingCode, kindName } from "./format";
export { CONCERN_STATUSES, NEXT_STATUSES, isConcernStatus } from "./status";
export { DESCRIPTION_MAX } from "./statuses";
