/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the public projection.
 * Every response is built from PublicConcern: no exact address, coordinates, contact details
 * or descriptions. Status is "open"/"closed"; our detailed status goes in status_notes.
 */
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import { create } from "xmlbuilder2";
import { concernKinds, concerns } from "~/db/schema/concerns";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { verifyApiKey } from "./api-keys.server";
import { listKinds } from "./queries.server";
import { ConcernFieldsSchema, withDateRules } from "./schemas";
import { createConcern } from "./service.server";
import { selectPublicConcerns, type PublicConcern } from "./public.server";
import { CLOSED_STATUSES, OPEN_STATUSES, open311Status } from "./status";
import { countyDay, countyToday } from "~/utils/clock";

export type Format = "json" | "xml";
const MAX_RANGE_DAYS = 90;
const MAX_RESULTS = 1000;

const STATUS_TEXT: Record<string, string> = {
  received: "Received",
  under_review: "Under review",
  documented: "Documented",
  not_documented: "Not documented",
  duplicate: "Duplicate",
  referred: "Referred",
  responded: "Responded",
  closed: "Closed",
};

export class Open311Error extends Error {
  constructor(
    public status: number,
    public description: string,
  ) {
    super(description);
  }
}

/** "requests.json" → ["requests", "json"]; anything else is a 404. */
function splitFormat(file: string | undefined): [string, Format] {
  const m = /^(.+)\.(json|xml)$/.exec(file ?? "");
  if (!m) throw new Open311Error(404, "Unknown resource or format: use .json or .xml");
  return [m[1]!, m[2] as Format];
}

/** Renders a value as JSON or as the spec's XML (root element, one child element per item). */
export function respond(format: Format, value: unknown, xml: { root: string; item?: string }, status = 200, headers: Record<string, string> = {}) {
  if (format === "json") {
    return new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });
  }
  const doc = create({ version: "1.0", encoding: "utf-8" });
  const root = doc.ele(xml.root);
  const write = (parent: ReturnType<typeof doc.ele>, obj: unknown, itemName?: string) => {
    if (Array.isArray(obj)) {
      for (const el of obj) write(itemName ? parent.ele(itemName) : parent, el);
      return;
    }
    if (obj && typeof obj === "object") {
      for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
        if (Array.isArray(v)) {
          const container = parent.ele(k);
          const child = ARRAY_ITEM[k] ?? "item";
          for (const el of v) {
            const node = container.ele(child);
            if (el && typeof el === "object") write(node, el);
            else node.txt(String(el));
          }
        } else if (v && typeof v === "object") write(parent.ele(k), v);
        else parent.ele(k).txt(v === null || v === undefined ? "" : String(v));
      }
      return;
    }
    parent.txt(String(obj));
  };
  write(root, value, xml.item);
  return new Response(doc.end({ prettyPrint: false }), { status, headers: { "Content-Type": "text/xml; charset=utf-8", ...headers } });
}

const ARRAY_ITEM: Record<string, string> = { endpoints: "endpoint", formats: "format", attributes: "attribute", values: "value" };

function errorResponse(format: Format, status: number, description: string, headers: Record<string, string> = {}) {
  return respond(format, [{ code: status, description }], { root: "errors", item: "error" }, status, headers);
}

/** Runs an Open311 handler: turns Open311Error (and rate limits) into spec-shaped errors. */
export async function handle(file: string | undefined, clientIp: string, limit: number, run: (name: string, format: Format) => Promise<Response>) {
  let format: Format = /\.xml$/.test(file ?? "") ? "xml" : "json";
  try {
    const [name, f] = splitFormat(file);
    format = f;
    const rate = await hitRateLimit(`open311:ip:${clientIp}`, limit, 60);
    if (!rate.allowed) return errorResponse(format, 429, "Too many requests: try again shortly.", { "Retry-After": String(rate.retryAfter) });
    return await run(name, format);
  } catch (error) {
    if (error instanceof Open311Error) return errorResponse(format, error.status, error.description);
    throw error;
  }
}

export function discovery(origin: string) {
  return {
    changeset: "2026-01-01T00:00:00Z",
    contact: "Crime Strategies Unit, County Prosecutor's Office",
    key_service: `${origin}/admin/api-keys (keys are issued by the office)`,
    endpoints: [
      {
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: `${origin}/open311/v2`,
        changeset: "2026-01-01T00:00:00Z",
        type: "production",
        formats: ["application/json", "text/xml"],
      },
    ],
  };
}

export async function services() {
  const kinds = await listKinds({ activeOnly: true });
  return kinds.map((k) => ({
    service_code: k.code,
    service_name: k.nameEn,
    description: k.descriptionEn,
    metadata: true,
    type: "realtime",
    keywords: "",
    group: "community concerns",
  }));
}

/** Attributes beyond the spec's standard fields that a concern needs. */
function serviceAttributes() {
  return [
    {
      variable: true,
      code: "zipcode",
      datatype: "string",
      required: true,
      datatype_description: "Five-digit ZIP code of the location",
      order: 1,
      description: "ZIP code",
      values: [],
    },
    {
      variable: true,
      code: "observed_date",
      datatype: "datetime",
      required: false,
      datatype_description: "YYYY-MM-DD (defaults to today)",
      order: 2,
      description: "When the concern was observed",
      values: [],
    },
    {
      variable: true,
      code: "consent_to_contact",
      datatype: "singlevaluelist",
      required: false,
      datatype_description: "May office staff contact the reporter?",
      order: 3,
      description: "Consent to be contacted",
      values: [
        { key: "yes", name: "Yes" },
        { key: "no", name: "No" },
      ],
    },
  ];
}

export async function serviceDefinition(code: string) {
  const kinds = await listKinds({ activeOnly: true });
  if (!kinds.some((k) => k.code === code)) throw new Open311Error(404, `Service not found: ${code}`);
  return { service_code: code, attributes: serviceAttributes() };
}

/** One request as the public may see it. */
function toOpen311(c: PublicConcern) {
  const detail = STATUS_TEXT[c.status] ?? c.status;
  return {
    service_request_id: String(c.number),
    status: open311Status(c.status),
    status_notes: c.latestPublicNote ? `${detail}: ${c.latestPublicNote}` : detail,
    service_name: c.kindNameEn,
    service_code: c.kindCode,
    description: "",
    agency_responsible: "County Prosecutor's Office",
    service_notice: "",
    requested_datetime: `${c.requestedDay}T00:00:00Z`,
    updated_datetime: `${c.updatedDay}T00:00:00Z`,
    expected_datetime: "",
    address: c.block ?? "",
    address_id: "",
    zipcode: c.zip,
    media_url: "",
  };
}

function parseDate(value: string, name: string) {
  // W3C datetime: a date, or a date and time with an offset.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value))
    throw new Open311Error(400, `${name} is not a valid W3C datetime`);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new Open311Error(400, `${name} is not a valid W3C datetime`);
  return d;
}

/**
 * Reading requests needs an api_key too. Each record is one concern, so a keyless list would let
 * anyone count the concerns on a block and undo the "fewer than 11" suppression of the public
 * overview. Keys go to known partners (311 apps), who agree not to republish small counts.
 */
async function requireReadKey(params: URLSearchParams) {
  const key = await verifyApiKey(params.get("api_key")?.trim() || undefined);
  if (!key) throw new Open311Error(403, "api_key is missing or not valid");
  return key;
}

export async function listRequests(params: URLSearchParams) {
  await requireReadKey(params);
  const ids = params.get("service_request_id");
  if (ids) {
    const numbers = ids
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (!numbers.length || numbers.length > MAX_RESULTS || !numbers.every((n) => /^\d{1,9}$/.test(n)))
      throw new Open311Error(400, "service_request_id must be a comma-separated list of request ids");
    const rows = await selectPublicConcerns(inArray(concerns.number, numbers.map(Number)), { limit: MAX_RESULTS });
    return rows.map(toOpen311);
  }
  const startRaw = params.get("start_date");
  const endRaw = params.get("end_date");
  const end = endRaw ? parseDate(endRaw, "end_date") : startRaw ? null : new Date();
  const start = startRaw ? parseDate(startRaw, "start_date") : new Date((end ?? new Date()).getTime() - MAX_RANGE_DAYS * 86400000);
  const until = end ?? new Date(start.getTime() + MAX_RANGE_DAYS * 86400000);
  if (until < start) throw new Open311Error(400, "end_date is before start_date");
  if (until.getTime() - start.getTime() > MAX_RANGE_DAYS * 86400000)
    throw new Open311Error(400, `start_date and end_date must be at most ${MAX_RANGE_DAYS} days apart`);
  const status = params.get("status");
  const statuses = status ? status.split(",").map((s) => s.trim()) : [];
  if (statuses.some((s) => s !== "open" && s !== "closed")) throw new Open311Error(400, "status must be open or closed");
  const codes = (params.get("service_code") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const wanted = statuses.length === 1 ? (statuses[0] === "open" ? OPEN_STATUSES : CLOSED_STATUSES) : null;
  const rows = await selectPublicConcerns(
    and(
      gte(concerns.createdAt, start),
      lte(concerns.createdAt, until),
      codes.length ? inArray(concernKinds.code, codes) : undefined,
      wanted ? inArray(concerns.status, [...wanted]) : undefined,
    ),
    { limit: MAX_RESULTS },
  );
  return rows.map(toOpen311);
}

export async function requestById(id: string, params: URLSearchParams) {
  await requireReadKey(params);
  if (!/^\d{1,9}$/.test(id)) throw new Open311Error(404, `Service request not found: ${id}`);
  const rows = await selectPublicConcerns(eq(concerns.number, Number(id)), { limit: 1 });
  if (!rows.length) throw new Open311Error(404, `Service request not found: ${id}`);
  return rows.map(toOpen311);
}

const FIELD_NAMES: Record<string, string> = {
  kind: "service_code",
  description: "description",
  observedDate: "attribute[observed_date]",
  address: "address_string",
  zip: "attribute[zipcode]",
  latitude: "lat",
  longitude: "long",
  name: "first_name/last_name",
  email: "email",
  phone: "phone",
};

/** POST requests: form-encoded, api_key required. */
export async function createRequest(form: FormData, clientIp: string) {
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  };
  const key = await verifyApiKey(str("api_key"));
  if (!key) throw new Open311Error(403, "api_key is missing or not valid");
  const perKey = await hitRateLimit(`open311:key:${key.id}`, 60, 60);
  if (!perKey.allowed) throw new Open311Error(429, "Too many requests for this api_key");
  const serviceCode = str("service_code");
  if (!serviceCode) throw new Open311Error(400, "service_code is required");
  const kinds = await listKinds({ activeOnly: true });
  if (!kinds.some((k) => k.code === serviceCode)) throw new Open311Error(400, `service_code not found: ${serviceCode}`);
  if (!str("address_string")) throw new Open311Error(400, "address_string is required: this jurisdiction needs a street address or intersection");
  const today = countyToday();
  const observed = str("attribute[observed_date]");
  const name = [str("first_name"), str("last_name")].filter(Boolean).join(" ");
  const lat = str("lat");
  const long = str("long");
  const candidate = {
    kind: serviceCode,
    description: str("description"),
    observedDate: observed ? observed.slice(0, 10) : today,
    address: str("address_string"),
    zip: str("attribute[zipcode]"),
    latitude: lat !== undefined ? Number(lat) : undefined,
    longitude: long !== undefined ? Number(long) : undefined,
    name: name || undefined,
    email: str("email"),
    phone: str("phone"),
    consent: str("attribute[consent_to_contact]") === "yes",
  };
  const parsed = withDateRules(ConcernFieldsSchema, today).safeParse(candidate);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => FIELD_NAMES[String(i.path[0])] ?? String(i.path[0])))];
    throw new Open311Error(400, `Missing or invalid: ${fields.join(", ")}`);
  }
  const v = parsed.data;
  const result = await createConcern({
    kindCode: v.kind,
    description: v.description,
    observedDate: v.observedDate,
    address: v.address,
    zip: v.zip,
    latitude: v.latitude,
    longitude: v.longitude,
    name: v.name,
    email: v.email,
    phone: v.phone,
    consent: v.consent,
    locale: "en",
    source: "open311",
    apiKeyId: key.id,
    ipAddress: clientIp,
  });
  if (!result.ok) throw new Open311Error(400, `service_code not found: ${serviceCode}`);
  return [
    {
      service_request_id: String(result.number),
      service_notice: `Tracking code for the reporter: ${result.trackingCode}`,
      account_id: "",
    },
  ];
}
