import { z } from "zod";

const REQUIRED = { required_error: "common:errors.required", invalid_type_error: "common:errors.invalid" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "1001, 1002 1003" → [1001, 1002, 1003]; null when something there is not a number. */
export function parseNumberList(text: string | undefined): number[] | null {
  const parts = (text ?? "").split(/[\s,;]+/).filter(Boolean);
  const out: number[] = [];
  for (const p of parts) {
    const n = Number(p.replace(/^#/, ""));
    if (!Number.isInteger(n) || n < 1 || n > 2_000_000_000) return null;
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

/** Snapshot ids, one per line or comma separated (a pasted /dashboard/snapshots/<id> link works too). */
export function parseIdList(text: string | undefined): string[] | null {
  const parts = (text ?? "").split(/[\s,;]+/).filter(Boolean);
  const out: string[] = [];
  for (const p of parts) {
    const id = p.replace(/^.*\/dashboard\/snapshots\//, "").replace(/[?#].*$/, "");
    if (!UUID.test(id)) return null;
    if (!out.includes(id.toLowerCase())) out.push(id.toLowerCase());
  }
  return out;
}

export type ResponseRef = { type: "analysis" | "comment"; id: string; url: string };

/** A portal link to a CAB analysis ("/analyses/<id>") or comment ("…#comment-<id>"), full URL or path. */
export function parseRefLink(text: string | undefined): ResponseRef | null | "invalid" {
  const raw = (text ?? "").trim();
  if (!raw) return null;
  let path = raw;
  if (/^https?:\/\//i.test(raw)) {
    try {
      const u = new URL(raw);
      path = u.pathname + u.hash;
    } catch {
      return "invalid";
    }
  }
  // One leading slash only: "//host#comment-…" would be a protocol-relative link to another site.
  const comment = /^(\/(?!\/)[A-Za-z0-9/_-]{0,199})#comment-([0-9a-f-]{36})$/i.exec(path);
  if (comment && UUID.test(comment[2]!)) return { type: "comment", id: comment[2]!.toLowerCase(), url: `${comment[1]}#comment-${comment[2]!.toLowerCase()}` };
  const analysis = /^\/analyses\/([0-9a-f-]{36})\/?$/i.exec(path);
  if (analysis && UUID.test(analysis[1]!)) return { type: "analysis", id: analysis[1]!.toLowerCase(), url: `/analyses/${analysis[1]!.toLowerCase()}` };
  return "invalid";
}

const optional = (max: number) => z.string().trim().max(max, "common:errors.tooLong").optional();

/** The plain fields of the response form (the body is rich text, read by the richtext module). */
export const ResponseFormSchema = z
  .object({
    intent: z.enum(["save", "publish"]).default("save"),
    title: z.string(REQUIRED).trim().min(3, "common:errors.tooShort").max(200, "common:errors.tooLong"),
    summary: z.string(REQUIRED).trim().min(10, "common:errors.tooShort").max(1000, "common:errors.tooLong"),
    policyVersionId: z.string(REQUIRED).regex(UUID, "responses:errors.policy"),
    criterionStatement: z.string(REQUIRED).trim().min(20, "responses:errors.criterionShort").max(3000, "common:errors.tooLong"),
    concern: z.array(z.coerce.number().int().positive()).max(500, "common:errors.invalid").optional(),
    concernNumbers: optional(4000).refine((v) => parseNumberList(v) !== null, "responses:errors.concernNumbers"),
    clusterZip: z
      .string()
      .trim()
      .regex(/^(\d{5})?$/, "responses:errors.zip")
      .optional(),
    clusterKind: optional(60),
    refLink: optional(500).refine((v) => parseRefLink(v) !== "invalid", "responses:errors.refLink"),
    snapshotIds: optional(4000).refine((v) => parseIdList(v) !== null, "responses:errors.snapshotIds"),
    newMeasure: optional(60),
    newGrain: z.enum(["year", "quarter", "month"]).optional(),
    newYear: z
      .string()
      .trim()
      .regex(/^(\d{4})?$/, "common:errors.invalid")
      .optional(),
    newOffense: optional(40),
    newZip: z
      .string()
      .trim()
      .regex(/^(\d{5})?$/, "responses:errors.zip")
      .optional(),
    newRace: optional(40),
  })
  .refine((v) => Boolean(v.clusterZip) === Boolean(v.clusterKind), { path: ["clusterKind"], message: "responses:errors.clusterBoth" });
