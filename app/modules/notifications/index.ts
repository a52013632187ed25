// The notifications module's browser-safe surface (types, constants, components).
export { DELIVERY_OPTIONS, NOTIFICATION_TYPES } from "./types";
