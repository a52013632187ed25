import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { concerns, concernStatusHistory, emailOutbox, users } from "~/db/schema";
import { localeCookie } from "~/i18n/i18n.server";
import { changeStatus, createConcern } from "~/modules/concerns/index.server";
import { NOTIFICATION_TYPES } from "~/modules/notifications";
import { notify, sendDigests, setPreferences, type NotificationType } from "~/modules/notifications/index.server";
import { Client, clientFor, closeTestApp, startTestApp } from "../support/app";
import { lastMonthDay, userId } from "../support/concerns";
import { englishIn } from "../support/english-words";
import { rawRequest } from "../support/raw-http";

/**
 * Spanish, completely: page titles, system-written status notes and every email type, read in
 * Spanish; and every link in every email from APP_URL however hostile the request's Host was.
 */

let baseUrl = "";
let spanishCookie = "";
beforeAll(async () => {
  ({ baseUrl } = await startTestApp());
  spanishCookie = (await localeCookie.serialize("es")).split(";")[0]!;
}, 180_000);
afterAll(closeTestApp);

const rand = () => Math.floor(Math.random() * 250) + 1;
// A proxy that passes an attacker's Host through, and the forwarded headers some proxies add.
const HOSTILE = { Host: "evil.example", "X-Forwarded-Host": "evil.example:4444", "X-Forwarded-Proto": "https", Forwarded: "host=evil.example;proto=https" };

/** A form post from the portal's own page (the Origin is APP_URL), with a hostile Host, in Spanish. */
async function hostilePost(path: string, fields: Record<string, string>, as?: Client) {
  const cookies = [spanishCookie, ...(as ? [...as.cookies].map(([k, v]) => `${k}=${v}`) : [])].join("; ");
  const answer = await rawRequest(baseUrl, {
    method: "POST",
    path,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: baseUrl,
      "X-Forwarded-For": `10.77.${rand()}.${rand()}`,
      Cookie: cookies,
      ...HOSTILE,
    },
    chunks: [new URLSearchParams(fields).toString()],
  });
  expect(answer.status, `${path}: ${answer.body.slice(0, 300)}`).toBeLessThan(400);
  return answer;
}

/** Every link an email carries: hrefs and srcs in its HTML, and URLs in its text part. */
function linksOf(mail: { html: string; text: string }) {
  const html = [...mail.html.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
  const text = [...mail.text.matchAll(/https?:\/\/[^\s)\]>]+/g)].map((m) => m[0]);
  return [...html, ...text];
}

/** What a reader of the email reads: the subject, and the HTML's text without tags, styles and links. */
function readable(mail: { subject: string; html: string }) {
  const body = mail.html
    .replace(/<head[\s\S]*?<\/head>/i, " ")
    .replace(/<style[\s\S]*?<\/style>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;|&#xA0;/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ");
  return `${mail.subject}\n${body}`;
}

describe("page titles", () => {
  it("names every page in the reader's language, error pages included", async () => {
    const visitor = new Client(baseUrl);
    visitor.cookies.set("cab_lng", spanishCookie.split("=").slice(1).join("="));
    const title = async (path: string) => /<title>([^<]*)<\/title>/.exec(await (await visitor.get(path)).text())?.[1];
    expect(await title("/")).toBe("Portal del CAB");
    expect(await title("/concerns/new")).toBe("Reportar una inquietud · Portal del CAB");
    expect(await title("/dashboard/response-time")).toBe("Días para responder · Panel de datos · Portal del CAB");
    expect(await title("/login")).toBe("Iniciar sesión · Portal del CAB");
    expect(await title("/no-such-page")).toBe("Página no encontrada · Portal del CAB");
    expect(await title("/concerns/track")).toBe("Seguir una inquietud · Portal del CAB");
    expect(await title("/data/api")).toBe("API de datos abiertos · Panel de datos · Portal del CAB");
    expect(await title("/data/notes")).toBe("Notas sobre los datos · Panel de datos · Portal del CAB");
    const english = new Client(baseUrl);
    expect(await (async () => /<title>([^<]*)<\/title>/.exec(await (await english.get("/concerns/new")).text())?.[1])()).toBe("Report a concern · CAB Portal");
  });

  it("every route names itself through pageTitle (a title written as a string would stay English)", () => {
    const dir = path.join(process.cwd(), "app/routes");
    const untranslated = readdirSync(dir).filter((f) => {
      const source = readFileSync(path.join(dir, f), "utf8");
      return /export const meta\b/.test(source) && !/\b(pageTitle|titleText)\(/.test(source);
    });
    expect(untranslated).toEqual([]);
  });

  it("answers a body that is too large in the reader's language first", async () => {
    const answer = await rawRequest(baseUrl, {
      method: "POST",
      path: "/login",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl, Cookie: spanishCookie, "Content-Length": String(200_000) },
      chunks: ["a=" + "x".repeat(199_998)],
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('<html lang="es">');
    expect(answer.body).toContain("<title>Se envió demasiado · Portal del CAB</title>");
    expect(answer.body).toContain('lang="en"'); // the English text follows, marked as English
  });
});

describe("status notes the system writes", () => {
  it("stores a code, not a sentence, and each reader reads it in their own language", async () => {
    const r = await createConcern({
      kindCode: "drug_sales",
      description: "Notes test",
      observedDate: lastMonthDay(),
      address: "4410 Troost Ave",
      zip: "64110",
      locale: "en",
    });
    if (!r.ok) throw new Error("concern");
    const rows = await db
      .select({ note: concernStatusHistory.publicNote, code: concernStatusHistory.publicNoteCode })
      .from(concernStatusHistory)
      .innerJoin(concerns, eq(concerns.id, concernStatusHistory.concernId))
      .where(eq(concerns.number, r.number));
    expect(rows).toEqual([{ note: null, code: "received" }]);
    const es = new Client(baseUrl);
    es.cookies.set("cab_lng", spanishCookie.split("=").slice(1).join("="));
    const spanish = await (await es.get(`/concerns/track/${r.trackingCode}`)).text();
    expect(spanish).toContain("Recibimos su inquietud. El personal de la fiscalía la revisará.");
    expect(spanish).not.toContain("We received your concern");
    expect(spanish).toContain("cuadra 4400 de Troost Ave");
    const english = await (await new Client(baseUrl).get(`/concerns/track/${r.trackingCode}`)).text();
    expect(english).toContain("We received your concern. Office staff will review it.");
    // A note a staff member typed stays as written, in every language.
    const analyst = await userId("analyst@demo.test");
    await changeStatus(r.number, { status: "under_review", publicNote: "Nota escrita a mano por el personal." }, { id: analyst });
    expect(await (await new Client(baseUrl).get(`/concerns/track/${r.trackingCode}`)).text()).toContain("Nota escrita a mano por el personal.");
  });

  it("migrates rows written as sentences before codes existed (and leaves human notes alone)", async () => {
    const r = await createConcern({
      kindCode: "drug_sales",
      description: "Migration test",
      observedDate: lastMonthDay(),
      address: "64110",
      zip: "64110",
      locale: "es",
    });
    if (!r.ok) throw new Error("concern");
    const [c] = await db.select({ id: concerns.id }).from(concerns).where(eq(concerns.number, r.number));
    const old = [
      "La fiscalía documentó esta inquietud según su política de acusación.",
      "The office published a response: Sales on Central Ave",
      "La fiscalía publicó una respuesta: Ventas en Central Ave",
      "Office staff are reviewing this concern.",
      "We looked at this on Tuesday and will call the landlord.",
    ];
    await db.insert(concernStatusHistory).values(old.map((publicNote) => ({ concernId: c!.id, status: "under_review" as const, publicNote })));
    // The migration's own statements, run again over these rows (the template database already ran them once).
    const migration = readFileSync("drizzle/0019_system_note_codes.sql", "utf8");
    for (const statement of migration.split("--> statement-breakpoint").filter((s) => /UPDATE/.test(s))) await db.execute(sql.raw(statement));
    const rows = await db
      .select({ note: concernStatusHistory.publicNote, code: concernStatusHistory.publicNoteCode, params: concernStatusHistory.publicNoteParams })
      .from(concernStatusHistory)
      .where(and(eq(concernStatusHistory.concernId, c!.id), eq(concernStatusHistory.status, "under_review")));
    expect(rows).toEqual(
      expect.arrayContaining([
        { note: null, code: "documented", params: null },
        { note: null, code: "responded", params: { title: "Sales on Central Ave" } },
        { note: null, code: "responded", params: { title: "Ventas en Central Ave" } },
        { note: null, code: "reviewing", params: null },
        { note: "We looked at this on Tuesday and will call the landlord.", code: null, params: null },
      ]),
    );
  });
});

describe("emails", () => {
  const TEMPLATES_SEEN = new Set<string>();
  const since = new Date(Date.now() - 1000);

  it("every email type, triggered through a request with a hostile Host, links only to APP_URL and reads in Spanish", async () => {
    // Auth emails, each through its form, as a browser on a proxy passing Host: evil.example would send them.
    const stamp = Date.now();
    await hostilePost("/signup", { displayName: "Rosa Nueva", email: `rosa.${stamp}@example.org`, password: "una-contraseña-larga-2026" });
    await hostilePost("/signup", { displayName: "Otra Vez", email: "resident@demo.test", password: "una-contraseña-larga-2026" });
    await hostilePost("/forgot-password", { email: "member9@demo.test" });
    const admin = await clientFor("admin@demo.test");
    await hostilePost("/admin/users", { intent: "invite", email: `invitada.${stamp}@example.org`, role: "cab_member", locale: "es" }, admin);
    // The account holders read Spanish (their own language decides their emails).
    await db
      .update(users)
      .set({ locale: "es" })
      .where(inArray(users.email, ["resident@demo.test", "member9@demo.test", "member8@demo.test"]));
    const resident = await clientFor("resident@demo.test");
    await hostilePost(
      "/account",
      { intent: "change-email", email: `residente.nueva.${stamp}@example.org`, currentPassword: process.env.DEMO_PASSWORD ?? "demo-password-2026" },
      resident,
    );

    // A resident's concern (reported in Spanish, with an email and no account), then a staff status change over a hostile Host.
    const reported = await createConcern({
      kindCode: "drug_sales",
      description: "Emails test",
      observedDate: lastMonthDay(),
      address: "1234 E 35th St",
      zip: "64109",
      email: `anonima.${stamp}@example.org`,
      consent: true,
      locale: "es",
    });
    if (!reported.ok) throw new Error("concern");
    const analyst = await clientFor("analyst@demo.test");
    await hostilePost(`/staff/concerns/${reported.number}`, { intent: "status", status: "under_review", publicNote: "" }, analyst);

    // Every notification type, to an account (immediately) and to a reporter without one; then the digests.
    const member = await userId("member8@demo.test");
    for (const type of NOTIFICATION_TYPES) {
      await notify(db, { type, key: `spanish-walk:${type}:${stamp}`, url: `/briefs/informe-${type}`, params: PARAMS[type] }, [
        { userId: member },
        { email: `reportero.${stamp}@example.org`, locale: "es", url: `/concerns/track/ABCDEFGHJKMN` },
      ]);
    }
    const digester = await userId("member9@demo.test");
    await setPreferences(digester, Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, "daily"])) as never);
    for (const type of NOTIFICATION_TYPES)
      await notify(db, { type, key: `spanish-digest:${type}:${stamp}`, url: `/meetings/reunion-${type}`, params: PARAMS[type] }, [{ userId: digester }]);
    await sendDigests("daily", new Date(Date.now() + 60_000));

    const mails = await db.select().from(emailOutbox).where(gte(emailOutbox.createdAt, since)).orderBy(desc(emailOutbox.createdAt));
    const failures: string[] = [];
    for (const mail of mails) {
      TEMPLATES_SEEN.add(mail.template);
      const links = linksOf(mail);
      expect(links.length, `${mail.template} has links`).toBeGreaterThan(0);
      for (const link of links)
        if (!link.startsWith(`${baseUrl}/`) && !link.startsWith("mailto:")) failures.push(`${mail.template} → ${mail.toAddress}: ${link}`);
      expect(mail.html + mail.text + JSON.stringify(mail.headers), mail.template).not.toContain("evil.example");
      for (const [name, value] of Object.entries(mail.headers))
        for (const url of value.match(/https?:\/\/[^\s,>]+/g) ?? [])
          if (!url.startsWith(`${baseUrl}/`)) failures.push(`${mail.template} header ${name}: ${url}`);
      if (mail.locale === "es") {
        const english = englishIn(readable(mail));
        if (english.length) failures.push(`${mail.template} (es): ${english.join(", ")} — ${mail.subject}`);
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
    const expected = [
      "verify-email",
      "signup-existing",
      "reset-password",
      "invitation",
      "change-email",
      "email-change-notice",
      ...NOTIFICATION_TYPES,
      "digest_daily",
    ];
    expect([...TEMPLATES_SEEN].sort()).toEqual(expect.arrayContaining(expected));
    console.log(`emails checked: ${mails.length} (${TEMPLATES_SEEN.size} templates: ${[...TEMPLATES_SEEN].sort().join(", ")})`);
  });

  it("tells a reporter without an account about their report and its tracking page, with no settings link", async () => {
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(and(sql`${emailOutbox.toAddress} like 'reportero.%'`, eq(emailOutbox.template, "response_published")));
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect(mail.text).toContain("/concerns/track/ABCDEFGHJKMN");
      expect(mail.text).toContain("usted reportó");
      expect(mail.text + mail.html).not.toMatch(/usted sigue|account\/notifications|configuración de notificaciones/);
      expect(mail.text).not.toContain("/briefs/informe-response_published");
    }
    const anonymous = await db
      .select()
      .from(emailOutbox)
      .where(sql`${emailOutbox.toAddress} like 'anonima.%'`);
    expect(anonymous.map((m) => m.template)).toEqual(expect.arrayContaining(["concern_status_changed"]));
    for (const mail of anonymous) {
      expect(mail.text + mail.html).not.toContain("/account/notifications");
      expect(mail.subject).toMatch(/^Novedades sobre su inquietud/);
      expect(mail.text).toMatch(/Recibimos su inquietud|está revisando|En revisión/i);
    }
  });
});

// Values as the modules pass them, in Spanish where they would be (titles are the users' own).
const PARAMS: Record<NotificationType, Record<string, string>> = {
  brief_published: { title: "Informe de prueba" },
  comment_reply: { author: "Ana Ruiz", title: "Informe de prueba" },
  vote_opened: { title: "Análisis de prueba", closesAt: "2026-12-10 17:00 (America/Chicago)" },
  vote_closing: { title: "Análisis de prueba", closesAt: "2026-12-10 17:00 (America/Chicago)" },
  vote_closed: { title: "Análisis de prueba", result: "aprobado" },
  meeting_scheduled: { title: "Reunión de prueba", startsAt: "martes, 10 de diciembre de 2026" },
  meeting_changed: { title: "Reunión de prueba", startsAt: "martes, 10 de diciembre de 2026" },
  meeting_cancelled: { title: "Reunión de prueba", startsAt: "martes, 10 de diciembre de 2026" },
  minutes_circulated: { title: "Reunión de prueba" },
  minutes_approved: { title: "Reunión de prueba" },
  concern_status_changed: { code: "ABCD-EFGH-JKMN", status: "En revisión", note: "" },
  response_published: { title: "Respuesta de prueba" },
};
