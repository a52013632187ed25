// The briefs module's browser-safe surface (types, constants, components).
export { diffLines, revisionText } from "./diff";
export { briefSubject } from "./subject";
export { visibleStatuses } from "./visibility";
