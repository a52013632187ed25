/**
 * seed:large — 200,000 resident concerns over the two years before LARGE_ANCHOR, with their
 * status history, spread over kinds, ZIP codes, blocks and months (more recent months busier;
 * older concerns further along). Streamed in with COPY, consistent with the concerns schema:
 * the public location, block and block key come from the module's own parsePublicLocation(), tracking codes use
 * its alphabet, statuses follow NEXT_STATUSES.
 */
import { once } from "node:events";
import { sql } from "drizzle-orm";
import type { prng } from "../seed-large";

export const LARGE_CONCERNS = 200_000;
/** The large data's "now": fixed, so that every run makes the same rows. */
export const LARGE_ANCHOR = Date.UTC(2026, 10, 1, 12);
const DAY = 86_400_000;

// Kansas City streets (the demo county's), as in seeds/concerns.ts.
const STREETS = [
  "Troost Ave",
  "Prospect Ave",
  "E 35th St",
  "Independence Ave",
  "Linwood Blvd",
  "E 31st St",
  "E 27th St",
  "E 39th St",
  "E 43rd St",
  "E 47th St",
  "E 51st St",
  "E 55th St",
  "E 59th St",
  "E 63rd St",
  "Benton Blvd",
  "Indiana Ave",
  "Askew Ave",
  "Wabash Ave",
  "Brooklyn Ave",
  "Paseo Blvd",
  "Swope Pkwy",
  "Truman Rd",
  "E 12th St",
  "E 18th St",
  "Blue Pkwy",
  "Van Brunt Blvd",
  "Hardesty Ave",
  "Woodland Ave",
  "Garfield Ave",
  "Gillham Rd",
];
const NOTES: Record<string, string[]> = {
  under_review: ["Office staff are reviewing this concern.", "A Crime Strategies Unit analyst is looking at this block."],
  not_documented: ["Reviewed: not enough detail to document under the policy.", "Reviewed: outside what the policy covers."],
  referred: ["Referred to the district's community prosecutor.", "Referred to the nuisance abatement team."],
  responded: ["The office responded at the community meeting.", "The office published a response covering this block."],
  closed: ["Closed after review.", "Closed: the activity stopped, according to follow-up reports."],
};
const PHRASES = [
  "people gathering and hand-to-hand exchanges near the corner most evenings",
  "cars stopping for a minute at the vacant house, all night",
  "shots heard around midnight, twice this week",
  "an abandoned house where people go in and out",
  "needles in the playground by the school",
];

export async function seedLargeConcerns({ random }: { random: ReturnType<typeof prng> }) {
  const { db, getSql } = await import("../../app/db/client.server");
  const { englishLocation, parsePublicLocation } = await import("../../app/modules/concerns/index");
  const { NEXT_STATUSES } = await import("../../app/modules/concerns/index");
  const [{ n }] = (await db.execute(
    sql`select count(*)::int as n from concerns where source = 'seed' and description like 'Benchmark concern %'`,
  )) as unknown as [{ n: number }];
  if (n >= LARGE_CONCERNS) return 0;
  if (n > 0) throw new Error(`seed:large concerns: ${n} of ${LARGE_CONCERNS} benchmark concerns exist (an interrupted run?): reset the benchmark database`);

  const kinds = (await db.execute(sql`select id, code from concern_kinds order by sort_order, id`)) as unknown as { id: number; code: string }[];
  const zips = (await db.execute(sql`select zip, district from zip_areas order by zip`)) as unknown as { zip: string; district: string }[];
  const staff = (
    (await db.execute(sql`select id from users where email like '%@large.test' and role = 'csu_staff' order by email`)) as unknown as { id: string }[]
  ).map((r) => r.id);
  if (!kinds.length || !zips.length || !staff.length) throw new Error("seed:large concerns: run the demo seed and the users step first");
  const kindWeights = kinds.map((k) => ({ drug_sales: 45, nuisance_property: 25, gun_violence: 15 })[k.code as "drug_sales"] ?? 15);
  const zipWeights = zips.map((_, i) => [10, 14, 22, 18, 8][i % 5]!);
  const weighted = <T>(items: T[], weights: number[]) => {
    const total = weights.reduce((a, b) => a + b, 0);
    let r = random.next() * total;
    for (let i = 0; i < items.length; i++) if ((r -= weights[i]!) < 0) return items[i]!;
    return items.at(-1)!;
  };
  const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  const codes = new Set<string>();
  const code = () => {
    for (;;) {
      let c = "";
      for (let i = 0; i < 12; i++) c += ALPHABET[Math.floor(random.next() * ALPHABET.length)];
      if (!codes.has(c)) return (codes.add(c), c);
    }
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const v = (x: string | number | boolean | null | undefined) => (x === null || x === undefined ? "\\N" : typeof x === "boolean" ? (x ? "t" : "f") : String(x));

  const sqlClient = getSql();
  const concernsCopy = await sqlClient
    .unsafe(
      `copy concerns (id, tracking_code, kind_id, description, observed_at, address, latitude, longitude, reporter_name, reporter_email, reporter_phone, consent_to_contact,
        reporter_locale, zip, public_location, public_block, block_key, district, status, hidden, hidden_reason, source, created_at, updated_at, closed_at) from stdin`,
    )
    .writable();
  // Made in random order, written in the order residents submitted them: like real data, the
  // table (and the public numbers) follow submission time, which the date-window reads rely on.
  const rows: { created: number; line: string; history: string[] }[] = [];
  let historyRows = 0;
  for (let i = 0; i < LARGE_CONCERNS; i++) {
    // Age: 0–730 days, skewed to recent months (the portal is getting known).
    const ageDays = 730 * random.next() ** 1.6;
    const created = Math.floor(LARGE_ANCHOR - ageDays * DAY);
    const observed = created - random.int(0, 72) * 3600_000;
    const kind = weighted(kinds, kindWeights);
    const area = weighted(zips, zipWeights);
    const street = STREETS[Math.floor(random.next() ** 1.3 * STREETS.length)]!;
    const house = random.int(1, 99) * 100 + random.int(0, 98);
    const address = `${house} ${street}`;
    const parsed = parsePublicLocation(address);
    const id = random.uuid();
    // The path through the statuses: older concerns are further along.
    const path = ["received"];
    const roll = random.next();
    const target =
      ageDays < 7
        ? roll < 0.7
          ? "received"
          : "under_review"
        : ageDays < 45
          ? roll < 0.2
            ? "received"
            : roll < 0.55
              ? "under_review"
              : roll < 0.75
                ? "referred"
                : roll < 0.9
                  ? "not_documented"
                  : "closed"
          : roll < 0.03
            ? "received"
            : roll < 0.1
              ? "under_review"
              : roll < 0.3
                ? "referred"
                : roll < 0.45
                  ? "not_documented"
                  : roll < 0.65
                    ? "responded"
                    : "closed";
    const route: Record<string, string[]> = {
      received: [],
      under_review: ["under_review"],
      referred: ["under_review", "referred"],
      not_documented: ["under_review", "not_documented"],
      responded: ["under_review", "referred", "responded"],
      closed: roll < 0.8 ? ["under_review", "closed"] : ["under_review", "referred", "responded", "closed"],
    };
    const times = [created];
    for (const next of route[target]!) {
      const at = times.at(-1)! + random.int(1, 20) * DAY + random.int(0, 8) * 3600_000;
      if (at > LARGE_ANCHOR) break;
      if (!NEXT_STATUSES[path.at(-1) as "received"].includes(next as "received")) throw new Error(`bad path ${path.join(">")}>${next}`);
      path.push(next);
      times.push(at);
    }
    const status = path.at(-1)!;
    const closed = status === "not_documented" || status === "responded" || status === "closed";
    const history: string[] = [];
    for (let k = 0; k < path.length; k++) {
      const s = path[k]!;
      const note = s === "received" ? "We received your concern." : random.pick(NOTES[s]!);
      history.push(`${random.uuid()}\t${id}\t${s}\t${note}\t\\N\t${k === 0 ? "\\N" : random.pick(staff)}\t${iso(times[k]!)}\n`);
    }
    historyRows += path.length;
    const hasEmail = random.next() < 0.25;
    const hasName = random.next() < 0.3;
    const hasPhone = random.next() < 0.1;
    const line =
      [
        id,
        code(),
        kind.id,
        `Benchmark concern ${i + 1}: ${random.pick(PHRASES)}.`,
        iso(observed),
        address,
        (41.4 + random.next() * 0.15).toFixed(6),
        (-81.75 + random.next() * 0.2).toFixed(6),
        hasName ? `Resident ${i + 1}` : null,
        hasEmail ? `reporter${i + 1}@large.test` : null,
        hasPhone ? `216-555-${String(i % 10000).padStart(4, "0")}` : null,
        (hasEmail || hasPhone) && random.next() < 0.6,
        random.next() < 0.25 ? "es" : "en",
        area.zip,
        JSON.stringify(parsed.location),
        englishLocation(parsed.location),
        parsed.key,
        area.district,
        status,
        random.next() < 0.004,
        null,
        "seed",
        iso(created),
        iso(times.at(-1)!),
        closed ? iso(times.at(-1)!) : null,
      ]
        .map(v)
        .join("\t") + "\n";
    rows.push({ created, line, history });
  }
  rows.sort((a, b) => a.created - b.created);
  for (let i = 0; i < rows.length; i += 2000) {
    if (
      !concernsCopy.write(
        rows
          .slice(i, i + 2000)
          .map((r) => r.line)
          .join(""),
      )
    )
      await once(concernsCopy, "drain");
  }
  concernsCopy.end();
  await once(concernsCopy, "finish");

  const historyCopy = await sqlClient
    .unsafe(`copy concern_status_history (id, concern_id, status, public_note, internal_note, actor_id, created_at) from stdin`)
    .writable();
  for (let i = 0; i < rows.length; i += 2000) {
    if (
      !historyCopy.write(
        rows
          .slice(i, i + 2000)
          .flatMap((r) => r.history)
          .join(""),
      )
    )
      await once(historyCopy, "drain");
  }
  historyCopy.end();
  await once(historyCopy, "finish");
  return LARGE_CONCERNS + historyRows;
}
