/**
 * The public data notes: a changelog of the data (completed imports, measure definitions as they
 * changed) and the limitations staff write. Only public-safe fields leave here: when, which
 * months, how many rows before and after — never who uploaded a file or what it was called.
 */
import { desc, eq, sql } from "drizzle-orm";
import { db, type DbOrTx } from "~/db/client.server";
import { metricDataNotes, metricImports, metricMeasures, metricMeasureVersions } from "~/db/schema/metrics";
import { recordAudit } from "~/modules/audit/index.server";
import { definitionHash } from "./queries.server";

/** Records a version for each measure whose definition differs from its latest recorded one (in the catalogue sync's transaction). */
export async function recordMeasureVersions(tx: DbOrTx) {
  const measures = await tx
    .select()
    .from(metricMeasures)
    .where(sql`${metricMeasures.kind} <> 'context'`);
  const latest = await tx.execute<{ k: string; h: string }>(
    sql`select distinct on (measure_key) measure_key as k, definition_hash as h from metric_measure_versions order by measure_key, recorded_at desc`,
  );
  const known = new Map([...latest].map((r) => [r.k, r.h]));
  const changed = measures.filter((m) => known.get(m.key) !== definitionHash(m));
  if (!changed.length) return 0;
  await tx.insert(metricMeasureVersions).values(
    changed.map((m) => ({
      measureKey: m.key,
      nameEn: m.nameEn,
      nameEs: m.nameEs,
      definitionEn: m.definitionEn,
      definitionEs: m.definitionEs,
      definitionHash: definitionHash(m),
    })),
  );
  return changed.length;
}

export type ChangelogEntry =
  | { kind: "import"; at: string; periodStart: string; periodEnd: string; rowsBefore: number; rowsAfter: number }
  | { kind: "definition"; at: string; measureKey: string; name: { en: string; es: string }; definition: { en: string; es: string }; first: boolean };

/** The public changelog, newest first: completed imports and definition versions. */
export async function dataChangelog(limit = 200): Promise<ChangelogEntry[]> {
  const imports = await db
    .select({
      completedAt: metricImports.completedAt,
      periodStart: metricImports.periodStart,
      periodEnd: metricImports.periodEnd,
      summary: metricImports.summary,
    })
    .from(metricImports)
    .where(eq(metricImports.status, "completed"))
    .orderBy(desc(metricImports.completedAt))
    .limit(limit);
  const versions = await db.select().from(metricMeasureVersions).orderBy(metricMeasureVersions.measureKey, metricMeasureVersions.recordedAt);
  const seen = new Set<string>();
  const defs: ChangelogEntry[] = versions.map((v) => {
    const first = !seen.has(v.measureKey);
    seen.add(v.measureKey);
    return {
      kind: "definition",
      at: v.recordedAt.toISOString(),
      measureKey: v.measureKey,
      name: { en: v.nameEn, es: v.nameEs },
      definition: { en: v.definitionEn, es: v.definitionEs },
      first,
    };
  });
  const imps: ChangelogEntry[] = imports.map((i) => ({
    kind: "import",
    at: (i.completedAt ?? new Date(0)).toISOString(),
    periodStart: String(i.periodStart),
    periodEnd: String(i.periodEnd),
    rowsBefore: i.summary.before,
    rowsAfter: i.summary.after,
  }));
  return [...imps, ...defs].sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}

export async function getDataNotes() {
  const [row] = await db.select().from(metricDataNotes).where(eq(metricDataNotes.id, 1));
  return { limitationsEn: row?.limitationsEn ?? "", limitationsEs: row?.limitationsEs ?? "", updatedAt: row?.updatedAt?.toISOString() ?? null };
}

/** Plain paragraphs: a blank line separates them. */
export function paragraphsOf(text: string) {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export async function saveDataNotes(input: { limitationsEn: string; limitationsEs: string }, actor: { id: string; ipAddress?: string | null }) {
  await db.transaction(async (tx) => {
    const values = { id: 1, limitationsEn: input.limitationsEn, limitationsEs: input.limitationsEs, updatedBy: actor.id, updatedAt: new Date() };
    await tx.insert(metricDataNotes).values(values).onConflictDoUpdate({ target: metricDataNotes.id, set: values });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "metrics.data_notes.saved",
      subjectType: "metric_data_notes",
      subjectId: "1",
      ipAddress: actor.ipAddress,
    });
  });
}
