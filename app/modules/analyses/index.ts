// The analyses module's browser-safe surface (types, constants, components).
export { parseLinks } from "./links";
export { NEXT_STATUSES } from "./status";
export type { Stage } from "./status";
