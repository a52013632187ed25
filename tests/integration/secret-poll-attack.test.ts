/**
 * The informal (secret) poll tried as an adversary would: someone with a read-only login to
 * the database polls every table while members vote, and after the close reads every table
 * and (as a superuser, with pageinspect) the raw pages of the sealed-choice table.
 *
 * What the attacker is allowed to learn: who took part (participation is part of the record)
 * and, after the close, the totals. What they must not learn: who chose what.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { analyses, ballots, users } from "~/db/schema";
import { openAnalysisVote, proposeAnalysis, voteOnAnalysis } from "~/modules/analyses/index.server";
import { closeBallot, tallyBallot } from "~/modules/voting/index.server";

const CHOICES = ["support", "oppose", "abstain"] as const;
type Choice = (typeof CHOICES)[number];

const reader = `poll_reader_${crypto.randomBytes(4).toString("hex")}`;
let attacker: postgres.Sql;
let superuser: postgres.Sql;

beforeAll(async () => {
  const url = new URL(process.env.DATABASE_URL!);
  superuser = postgres(url.toString(), { max: 1, onnotice: () => {} });
  // A SELECT-only login: it can read every table of the portal, and write nothing.
  await superuser.unsafe(`create role ${reader} login password 'reader'`);
  await superuser.unsafe(`grant usage on schema public to ${reader}`);
  await superuser.unsafe(`grant select on all tables in schema public to ${reader}`);
  const readerUrl = new URL(url);
  readerUrl.username = reader;
  readerUrl.password = "reader";
  attacker = postgres(readerUrl.toString(), { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await attacker?.end();
  await superuser?.unsafe(`drop owned by ${reader}`);
  await superuser?.unsafe(`drop role if exists ${reader}`);
  await superuser?.end();
});

type Row = { table: string; xmin: string; ctid: string; json: string };
type Snapshot = { counts: Map<string, number>; rows: Row[] };

async function tableNames() {
  const tables = await attacker<{ table_name: string }[]>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  return tables.map((t) => t.table_name);
}

/**
 * What the read-only login sees of every table: its row count, and every row written since
 * `sinceXid` (with its xmin and physical place) — the whole table when sinceXid is 0.
 */
async function snapshot(sinceXid = 0n, only?: (r: { xmin: string }) => boolean): Promise<Snapshot> {
  const counts = new Map<string, number>();
  const rows: Row[] = [];
  for (const table of await tableNames()) {
    const found = await attacker.unsafe<{ xmin: string; ctid: string; json: string }[]>(
      `select t.xmin::text as xmin, t.ctid::text as ctid, row_to_json(t)::text as json from "${table}" t
        where t.xmin::text::bigint > $1`,
      [sinceXid.toString()],
    );
    const [{ n }] = await attacker.unsafe<{ n: number }[]>(`select count(*)::int as n from "${table}"`);
    counts.set(table, n);
    for (const r of found) if (!only || only(r)) rows.push({ table, xmin: r.xmin, ctid: r.ctid, json: r.json });
  }
  return { counts, rows };
}

const keyOf = (r: Row) => `${r.table}|${r.ctid}|${r.xmin}|${r.json}`;

/** What one vote changed, with its random parts (ids, times, ciphertext) and the voter's own id masked. */
function footprint(before: Snapshot, after: Snapshot, voterId: string) {
  const had = new Set(before.rows.map(keyOf));
  const mask = (json: string) =>
    json
      .replaceAll(voterId, "<voter>")
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<uuid>")
      .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})?/g, "<time>")
      .replace(/\\\\x([0-9a-f]+)/gi, (_m, hex: string) => `<bytes:${hex.length / 2}>`);
  const added = after.rows.filter((r) => !had.has(keyOf(r)));
  const print = added.map((r) => `+${r.table}:${mask(r.json)}`);
  for (const [table, n] of after.counts) {
    const delta = n - (before.counts.get(table) ?? 0) - added.filter((r) => r.table === table).length;
    if (delta !== 0) print.push(`${table}:${delta}`);
  }
  return print.sort();
}

describe("an informal poll against a database reader", () => {
  it("lets a read-only connection polling every table learn nothing of who chose what, during voting or after the close", async () => {
    const [staff] = await db.select().from(users).where(eq(users.email, "analyst@demo.test"));
    const members = await db.select().from(users).where(eq(users.role, "cab_member"));
    expect(members.length).toBeGreaterThanOrEqual(12);
    const analysis = await proposeAnalysis(
      { id: staff!.id, role: "csu_staff" },
      { question: "Should the unit study repeat calls at the same addresses?", whyItMatters: "Asked at meetings.", dataNeeded: "Calls by block.", links: [] },
    );
    const [{ xid }] = await superuser<{ xid: string }[]>`select txid_current()::text as xid`;
    const since = BigInt(xid);
    const opened = await openAnalysisVote({ id: staff!.id }, analysis.id, {
      mode: "secret",
      resultsVisibility: "after_close",
      closesAt: new Date(Date.now() + 3_600_000),
      quorumPercent: 10,
      thresholdPercent: 50,
    });
    expect(opened.ok).toBe(true);
    const ballotId = opened.ok ? opened.ballot.id : "";

    // Nine members vote one after another; the attacker reads every table after each vote.
    const voters = members.slice(0, 9).map((m, i) => ({ id: m.id, choice: CHOICES[i % 3] as Choice }));
    const footprints: { choice: Choice; print: string[] }[] = [];
    const sealedSeen: Buffer[] = [];
    let before = await snapshot(since);
    for (const voter of voters) {
      const outcome = await voteOnAnalysis(analysis.id, voter.id, voter.choice, null, "poll");
      expect(outcome).toEqual({ ok: true });
      const after = await snapshot(since);
      footprints.push({ choice: voter.choice, print: footprint(before, after, voter.id) });
      // No row anywhere spells out the choice: the only vote_choice column is the named votes'.
      for (const r of after.rows) expect(r.json).not.toMatch(/:"(support|oppose|abstain)"/);
      before = after;
    }
    const sealedRows = await attacker<
      { sealed: Buffer; xmin: string }[]
    >`select sealed, xmin::text as xmin from ballot_sealed_choices where ballot_id = ${ballotId}`;
    for (const r of sealedRows) sealedSeen.push(r.sealed);

    // 1. Every vote looks the same to the reader, whatever was chosen: one participation row
    //    naming the voter and one sealed row of the same size, nothing else (no count changes elsewhere).
    expect(footprints[0]!.print).toEqual(
      [
        "+ballot_participation:" + '{"ballot_id":"<uuid>","user_id":"<voter>"}',
        '+ballot_sealed_choices:{"id":"<uuid>","ballot_id":"<uuid>","sealed":"<bytes:44>"}',
      ].sort(),
    );
    for (const f of footprints) expect(f.print).toEqual(footprints[0]!.print);

    // 2. The reader can pair each sealed row with its voter (same transaction: xmin), which is why
    //    the row is sealed: the pairs carry no information, because the 44 bytes are all different
    //    (random IV) and no byte position separates one choice from another.
    const participation = await attacker<
      { user_id: string; xmin: string }[]
    >`select user_id, xmin::text as xmin from ballot_participation where ballot_id = ${ballotId}`;
    const choiceOf = new Map(voters.map((v) => [v.id, v.choice]));
    const byXmin = new Map(sealedRows.map((r) => [r.xmin, r.sealed]));
    const paired = participation.map((p) => ({ choice: choiceOf.get(p.user_id)!, sealed: byXmin.get(p.xmin)! }));
    expect(paired.every((p) => p.sealed)).toBe(true); // the link the attacker does get…
    expect(new Set(sealedRows.map((r) => r.sealed.toString("hex"))).size).toBe(9); // …leads to 9 unlike blobs
    for (let pos = 0; pos < 44; pos++) {
      // A byte that is the same for every voter of one choice and differs between choices would be a tell.
      const perChoice = CHOICES.map((c) => new Set(paired.filter((p) => p.choice === c).map((p) => p.sealed[pos])));
      const tell = perChoice.every((s) => s.size === 1) && new Set(perChoice.map((s) => [...s][0])).size === 3;
      expect(tell, `byte ${pos} tells the choice`).toBe(false);
    }
    // The key that would open them is nowhere in the database.
    const key = process.env.BALLOT_SEAL_KEY!;
    const keyForms = [key, Buffer.from(key, "hex").toString("base64"), Buffer.from(key, "hex").toString("base64url")];
    const everything = await snapshot();
    for (const r of everything.rows) for (const form of keyForms) expect(r.json.includes(form), `${r.table} holds the seal key`).toBe(false);
    // Nor is there any count to watch grow while the poll is open.
    expect(await attacker`select * from ballot_tallies where ballot_id = ${ballotId}`).toHaveLength(0);

    // 3. The close: opened, counted, deleted in one transaction, then vacuumed.
    const [ballot] = await db.select().from(ballots).where(eq(ballots.id, ballotId));
    const closed = await closeBallot(ballotId, new Date(ballot!.closesAt.getTime() + 1000));
    expect(closed?.tally).toMatchObject({ support: 3, oppose: 3, abstain: 3, participants: 9 });
    expect(await tallyBallot(closed!.ballot)).toMatchObject({ support: 3, oppose: 3, abstain: 3 });

    // After the close no table links a voter to a choice: the voters' transactions (xmin of
    // their participation rows) appear in no other row of any table.
    const voterXmins = new Set(participation.map((p) => p.xmin));
    const after = await snapshot(0n, (r) => voterXmins.has(r.xmin));
    const linked = after.rows.filter((r) => r.table !== "ballot_participation");
    expect(linked).toEqual([]);
    expect(after.rows.filter((r) => r.table === "ballot_participation")).toHaveLength(9);
    expect(after.counts.get("ballot_sealed_choices")).toBe(0);
    const tallyRows = (await snapshot(since)).rows.filter((r) => r.table === "ballot_tallies");
    expect(tallyRows).toHaveLength(1);
    expect(voterXmins.has(tallyRows[0]!.xmin)).toBe(false);

    // 4. Below the tables: no page of the sealed-choice table (or its indexes) keeps an old row
    //    version of a voter's transaction, nor any of the sealed bytes seen during voting.
    const ext = await superuser`select 1 from pg_available_extensions where name = 'pageinspect'`;
    expect(ext.length, "this PostgreSQL has pageinspect").toBe(1);
    await superuser`create extension if not exists pageinspect`;
    const relations = ["ballot_sealed_choices", "ballot_sealed_choices_pkey", "ballot_sealed_choices_ballot_idx"];
    let pagesRead = 0;
    for (const rel of relations) {
      const [{ pages }] = await superuser<{ pages: number }[]>`select (pg_relation_size(${rel}::regclass) / current_setting('block_size')::int)::int as pages`;
      for (let page = 0; page < pages; page++) {
        const [{ raw }] = await superuser<{ raw: Buffer }[]>`select get_raw_page(${rel}, ${page}) as raw`;
        pagesRead++;
        for (const sealed of sealedSeen) expect(raw.includes(sealed), `${rel} page ${page} still holds a sealed choice`).toBe(false);
        if (rel === "ballot_sealed_choices") {
          const items = await superuser<
            { t_xmin: string | null }[]
          >`select t_xmin::text from heap_page_items(get_raw_page(${rel}, ${page})) where t_xmin is not null`;
          for (const item of items) expect(voterXmins.has(item.t_xmin!), `${rel} page ${page} keeps a voter's row version`).toBe(false);
        }
      }
    }
    // An emptied heap is truncated by the vacuum, so there may be no heap page left; the indexes keep theirs.
    expect(pagesRead).toBeGreaterThan(0);
    const [row] = await db.select({ status: analyses.status }).from(analyses).where(eq(analyses.id, analysis.id));
    expect(row!.status).toBe("proposed"); // and the poll decided nothing
  }, 120_000);
});
