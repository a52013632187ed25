import { asc, eq } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { metricEvents } from "~/db/schema/metrics";
import { recordAudit } from "~/modules/audit/index.server";
import { listPolicyVersions } from "~/modules/policies/index.server";
import { measureTopics } from "./topics";

export type MetricEvent = typeof metricEvents.$inferSelect;

/** A marker as the loader sends it (both languages; the page shows the reader's). */
export type MarkerRow = { date: string; kind: "policy" | "event"; titleEn: string; titleEs: string; descriptionEn: string; descriptionEs: string };

export async function listEvents(dbx: DbOrTx = db) {
  return dbx.select().from(metricEvents).orderBy(asc(metricEvents.occurredOn), asc(metricEvents.titleEn));
}

export async function createEvent(
  tx: DbOrTx,
  input: { occurredOn: string; titleEn: string; titleEs: string; descriptionEn: string; descriptionEs: string; appliesTo: string[] },
  actorId: string | null,
) {
  const [row] = await tx
    .insert(metricEvents)
    .values({ ...input, createdById: actorId })
    .returning({ id: metricEvents.id });
  await recordAudit(tx, {
    actorId,
    action: "metrics.event.created",
    subjectType: "metric_event",
    subjectId: row!.id,
    data: { occurredOn: input.occurredOn, appliesTo: input.appliesTo },
  });
  return row!.id;
}

export async function deleteEvent(tx: DbOrTx, id: string, actorId: string | null) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const gone = await tx.delete(metricEvents).where(eq(metricEvents.id, id)).returning({ id: metricEvents.id });
  if (!gone.length) return false;
  await recordAudit(tx, { actorId, action: "metrics.event.deleted", subjectType: "metric_event", subjectId: id });
  return true;
}

/**
 * The markers of a measure's time series: every charging-policy version's effective date on the
 * drug measures (the charging policy is about drug cases), and the events staff recorded for the
 * measure, its topic or all measures.
 */
export async function chartMarkers(measureKey: string, filters: Record<string, string | undefined> = {}, dbx: DbOrTx = db): Promise<MarkerRow[]> {
  const topics = measureTopics(measureKey, filters);
  const [policies, events] = await Promise.all([topics.includes("drug") ? listPolicyVersions(dbx) : Promise.resolve([]), listEvents(dbx)]);
  const out: MarkerRow[] = policies.map((p) => ({
    date: p.effectiveFrom,
    kind: "policy" as const,
    titleEn: `Charging policy: ${p.name} (version ${p.version}) takes effect`,
    titleEs: `Política de acusación: ${p.name} (versión ${p.version}) entra en vigor`,
    descriptionEn: p.text,
    descriptionEs: "",
  }));
  for (const e of events) {
    if (!e.appliesTo.some((a) => a === measureKey || (topics as string[]).includes(a))) continue;
    out.push({ date: e.occurredOn, kind: "event", titleEn: e.titleEn, titleEs: e.titleEs, descriptionEn: e.descriptionEn, descriptionEs: e.descriptionEs });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.titleEn.localeCompare(b.titleEn));
}

/** The Second Amendment Preservation Act: marked on the firearms measures (seeded once). */
export const SAPA_EVENT = {
  occurredOn: "2021-06-12",
  titleEn: "Missouri's Second Amendment Preservation Act signed",
  titleEs: "Se firma la Ley de Preservación de la Segunda Enmienda de Misuri",
  descriptionEn: "Signed in June 2021. Afterwards local police cut their cooperation with federal gun investigations and with federal ballistics databases.",
  descriptionEs:
    "Firmada en junio de 2021. Después, la policía local redujo su cooperación con las investigaciones federales sobre armas y con las bases de datos federales de balística.",
  appliesTo: ["weapons"],
};

export async function seedEvents(dbx: DbOrTx = db) {
  const have = await dbx.select({ id: metricEvents.id }).from(metricEvents).where(eq(metricEvents.titleEn, SAPA_EVENT.titleEn));
  if (!have.length) await dbx.insert(metricEvents).values(SAPA_EVENT);
}
