// The records module's browser-safe surface.
export { RECORDS_BUSINESS_DAYS } from "./due";
