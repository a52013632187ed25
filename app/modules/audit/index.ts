// The audit module's browser-safe surface: how a log entry reads, in the reader's language.

/** Groups of actions an admin can filter by (the part of the action before its first dot). */
export const AUDIT_FAMILIES = [
  "user",
  "invitation",
  "brief",
  "comment",
  "analysis",
  "ballot",
  "meeting",
  "minutes",
  "consultation",
  "concern",
  "concern_kind",
  "street_list",
  "policy_version",
  "citation",
  "response",
  "metrics",
  "email",
  "open311_key",
] as const;
export type AuditFamily = (typeof AUDIT_FAMILIES)[number];

export function isAuditFamily(value: unknown): value is AuditFamily {
  return typeof value === "string" && (AUDIT_FAMILIES as readonly string[]).includes(value);
}

/** One log entry as the audit page receives it. */
export type AuditEntryView = {
  action: string;
  subjectType: string;
  subjectId: string | null;
  actorName: string | null;
  subjectName: string | null;
  data: Record<string, unknown>;
};

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The entry's sentence key in the `admin` namespace: `audit.sentence.<action with "_" for ".">`. */
export function auditSentenceKey(action: string) {
  return `admin:auditLog.sentence.${action.replaceAll(".", "_")}`;
}

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");

/**
 * "Ana Ruiz changed Lee Park's role to CAB member": the entry as a sentence, with the people named
 * (an entry without an actor was the portal itself), the role in words, and the titles, counts and
 * references the entry recorded. An action without its own sentence still reads as one.
 */
export function auditSentence(entry: AuditEntryView, t: Translate): string {
  const d = entry.data ?? {};
  const role = text(d.to) || text(d.role);
  const values = {
    actor: entry.actorName ?? t("admin:auditLog.system"),
    subject: entry.subjectName ?? t("admin:auditLog.someone"),
    role: role ? t(`admin:auditLog.roles.${role}`, { defaultValue: role }) : "",
    title: text(d.title),
    email: text(d.email),
    fileName: text(d.fileName),
    rows: text(d.rows),
    measure: text(d.measure),
    version: text(d.version),
    caseRef: text(d.caseRef),
    revision: text(d.revision),
    count: Number(d.count ?? 0),
    to: text(d.to),
    intoNumber: text(d.intoNumber),
    code: text(d.code),
    name: text(d.name),
    action: entry.action,
    subjectType: entry.subjectType,
    interpolation: { escapeValue: false },
  };
  return t(auditSentenceKey(entry.action), { ...values, defaultValue: t("admin:auditLog.sentence.unknown", values) });
}
