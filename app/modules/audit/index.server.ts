// The audit module's public surface on the server: other code imports from here, never deeper.
export { listAuditActors, listAuditEntries } from "./queries.server";
export type { AuditQuery } from "./queries.server";
export { recordAudit } from "./service.server";
