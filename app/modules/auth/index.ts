// The auth module's browser-safe surface (types, constants, components).
export { ACCOUNT_ROLES, INVITED_ROLES, hasRole } from "./roles";
export type { AccountRole, Role } from "./roles";
export { describeUserAgent } from "./user-agent";
