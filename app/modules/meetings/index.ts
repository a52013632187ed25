// The meetings module's browser-safe surface (types, constants, helpers).
export { proceedingsView } from "./proceedings-view";
export type { ProceedingsView, RollCallView } from "./proceedings-view";
