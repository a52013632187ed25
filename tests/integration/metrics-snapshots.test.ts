import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { metricCases, metricMeasures, metricSnapshots } from "~/db/schema";
import { recomputeFacts } from "~/modules/metrics/index.server";
import { clientFor } from "../support/app";

const visible = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "");

describe("metric snapshots", () => {
  it("lets staff cite a figure, freezes it, and shows the live value and a changed definition", async () => {
    const member = await clientFor("member1@demo.test");
    expect((await member.post("/dashboard/referred?grain=year&year=2024&offense=drug", { filters: "grain=year&year=2024&offense=drug" })).status).toBe(403);

    const analyst = await clientFor("analyst@demo.test");
    const page = visible(await (await analyst.get("/dashboard/referred?grain=year&year=2024&offense=drug")).text());
    expect(page).toContain("Cite this figure");
    const total = Number(page.match(/<tfoot>[\s\S]*?<td data-state="shown">([\d,]+)<\/td>/)![1]!.replace(/,/g, ""));
    const cited = await analyst.post("/dashboard/referred", { filters: "grain=year&year=2024&offense=drug" });
    expect(cited.status).toBe(302);
    const path = cited.headers.get("location")!;
    const id = path.split("/").at(-1)!;
    const [snap] = await db.select().from(metricSnapshots).where(eq(metricSnapshots.id, id));
    expect(Number(snap!.value)).toBe(total);
    expect(snap!.filters).toEqual({ grain: "year", year: "2024", offense: "drug" });

    let html = visible(await (await clientFor()).get(path).then((r) => r.text()));
    expect(html).toContain(`<strong class="snapshot-frozen">${total.toLocaleString("en-US")}</strong>`);
    expect(html).toContain(`<strong class="snapshot-live">${total.toLocaleString("en-US")}</strong>`);
    expect(html).toContain("The definition is unchanged");

    // New cases arrive and the definition is reworded: the snapshot keeps its value and says so.
    await db.insert(metricCases).values(
      Array.from({ length: 20 }, (_, i) => ({
        caseId: `LATE-${i}`,
        participantId: "P1",
        receivedDate: "2024-07-15",
        offenseCategory: "drug",
        drugLevel: "user",
        raceEthnicity: "white",
        sex: "male",
        ageBand: "25_34",
        referringAgency: "KCPD",
        zip: "64127",
      })),
    );
    await recomputeFacts(db, "2024-07-01", "2024-08-01");
    await db
      .update(metricMeasures)
      .set({ definitionEn: "Case participants referred, counted by the date the referral was entered." })
      .where(eq(metricMeasures.key, "referred"));
    html = visible(await (await clientFor()).get(path).then((r) => r.text()));
    expect(html).toContain(`<strong class="snapshot-frozen">${total.toLocaleString("en-US")}</strong>`);
    expect(html).toContain(`<strong class="snapshot-live">${(total + 20).toLocaleString("en-US")}</strong>`);
    expect(html).toContain("The definition of this measure has changed since it was cited");
    const audit = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'metrics.snapshot.created' and subject_id = ${id}`,
    );
    expect(Number(audit[0]!.n)).toBe(1);
  });
});
