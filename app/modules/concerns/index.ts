// The concerns module's browser-safe surface (types, constants, components).
export { blockKeyFor, englishLocation, hundredBlock, parsePublicLocation, publicLocationLabel, publicPlaceLabel } from "./block";
export type { PublicLocation } from "./block";
export { publicNoteText, SYSTEM_NOTE_CODES, type SystemNote, type SystemNoteCode } from "./notes";
export { formatTrackingCode, kindName } from "./format";
export { CONCERN_STATUSES, isConcernStatus, NEXT_STATUSES } from "./status";
export { DESCRIPTION_MAX } from "./statuses";
