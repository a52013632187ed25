import { asc, count, sql } from "drizzle-orm";
import { db } from "~/db/client.server";
import { concernKinds, zipAreas } from "~/db/schema/concerns";
import { addMonths, COUNTY_TIME_ZONE, countyToday } from "~/utils/clock";
import type { PublicLocation } from "./block";
import { publicConcernsSubquery } from "./public.server";
import { suppress, type PublishedCell } from "~/utils/suppression";

export type OverviewCell = PublishedCell;
export type OverviewZip = {
  zip: string;
  district: string | null;
  population: number | null;
  /** kind code → one cell per month */
  rows: { kindCode: string; cells: OverviewCell[]; blocks: PublicLocation[] }[];
  total: number | null;
  per1000: number | null;
};
export type Overview = { months: string[]; kinds: { code: string; nameEn: string; nameEs: string }[]; zips: OverviewZip[] };

/** The last `n` complete months before today's (complete months don't change day to day). */
export function overviewMonths(today = countyToday(), n = 6): string[] {
  const months: string[] = [];
  for (let i = n; i >= 1; i--) months.push(addMonths(`${today.slice(0, 7)}-01`, -i).slice(0, 7));
  return months;
}

/**
 * Counts by kind × ZIP × month, protected: cells under 11 are "fewer than 11", and the ZIP
 * totals behind the per-1,000-residents view never let a hidden cell be subtracted out.
 * Exact numbers leave this function only for cells that are shown.
 */
export async function concernOverview(months = overviewMonths()): Promise<Overview> {
  const pc = publicConcernsSubquery(
    sql`to_char(observed_at at time zone ${sql.raw(`'${COUNTY_TIME_ZONE}'`)}, 'YYYY-MM') between ${months[0]} and ${months.at(-1)}`,
  );
  const [counts, blockRows, kinds, areas] = await Promise.all([
    db.select({ zip: pc.zip, kindCode: pc.kindCode, month: pc.observedMonth, n: count() }).from(pc).groupBy(pc.zip, pc.kindCode, pc.observedMonth),
    db
      .selectDistinct({ zip: pc.zip, kindCode: pc.kindCode, block: pc.block, location: pc.location })
      .from(pc)
      .where(sql`${pc.block} is not null`)
      .orderBy(pc.block),
    db
      .select({ code: concernKinds.code, nameEn: concernKinds.nameEn, nameEs: concernKinds.nameEs, active: concernKinds.active })
      .from(concernKinds)
      .orderBy(asc(concernKinds.sortOrder), asc(concernKinds.id)),
    db.select().from(zipAreas).orderBy(zipAreas.zip),
  ]);
  const key = (zip: string, kind: string, month: string) => `${zip}|${kind}|${month}`;
  const byKey = new Map(counts.map((c) => [key(c.zip, c.kindCode, c.month), Number(c.n)]));
  const shownKinds = kinds.filter((k) => k.active || counts.some((c) => c.kindCode === k.code));
  const zipList = [...new Set([...areas.map((a) => a.zip), ...counts.map((c) => c.zip)])].sort();
  const zips = zipList.map((zip): OverviewZip => {
    const area = areas.find((a) => a.zip === zip);
    const values = shownKinds.flatMap((k) => months.map((m) => byKey.get(key(zip, k.code, m)) ?? 0));
    // The portal's one suppression algorithm: cells under 11 (0 included here) are hidden, and where
    // the ZIP total is published (the per-1,000 view) enough others are hidden that none can be worked out.
    const total = values.reduce((a, b) => a + b, 0);
    const { states: all } = suppress({
      values: [...values, total],
      lines: area ? [{ parts: values.map((_, i) => i), total: values.length }] : [],
      zeroIsSmall: true,
    });
    const states = all.slice(0, values.length);
    const totalShown = Boolean(area) && all[values.length] === "shown";
    const rows = shownKinds.map((k, ki) => ({
      kindCode: k.code,
      cells: months.map((_, mi) => {
        const i = ki * months.length + mi;
        return { state: states[i]!, value: states[i] === "shown" ? values[i]! : null };
      }),
      blocks: blockRows.filter((b) => b.zip === zip && b.kindCode === k.code).map((b) => b.location),
    }));
    return {
      zip,
      district: null,
      population: area?.population ?? null,
      rows,
      total: totalShown ? total : null,
      per1000: totalShown && area ? Math.round((total / area.population) * 1000 * 10) / 10 : null,
    };
  });
  for (const z of zips) z.district = areas.find((a) => a.zip === z.zip)?.district ?? null;
  return { months, kinds: shownKinds.map(({ code, nameEn, nameEs }) => ({ code, nameEn, nameEs })), zips };
}
