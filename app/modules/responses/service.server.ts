import { and, eq, inArray, isNull, like, or, sql } from "drizzle-orm";
import { db, type DbOrTx, type Transaction } from "~/db/client.server";
import { concernFollows, responseConcerns, responses, responseSnapshots } from "~/db/schema/responses";
import { emailOf } from "~/modules/auth/index.server";
import { recordAudit } from "~/modules/audit/index.server";
import { slugify } from "~/modules/briefs/index.server";
import { markRespondedByResponse } from "~/modules/concerns/index.server";
import { openConcernIdsInCluster } from "~/modules/concerns/index.server";
import { createSnapshot } from "~/modules/metrics/index.server";
import { notify, type Recipient } from "~/modules/notifications/index.server";
import type { RichText } from "~/modules/richtext/index.server";
import type { ResponseRef } from "./schemas";
import { DomainError } from "~/utils/errors";

type Actor = { id: string };
type Meta = { ip?: string | null };

/** Everything a save needs, already checked against the other modules (see form.server.ts). */
export type ResponseInput = {
  title: string;
  summary: string;
  body: RichText;
  policyVersionId: string;
  criterionStatement: string;
  /** Concerns named by staff (ids, resolved from public numbers). */
  concernIds: string[];
  cluster: { zip: string; kindId: number } | null;
  ref: ResponseRef | null;
  /** Existing snapshots to embed, in order. */
  snapshotIds: string[];
  /** A figure to freeze now, in the same transaction, appended after the others. */
  newSnapshot: { measure: string; filters: Record<string, string> } | null;
};

const responseUrl = (slug: string) => `/responses/${slug}`;

async function uniqueSlug(tx: DbOrTx, title: string) {
  const base = slugify(title) === "brief" ? "response" : slugify(title);
  const taken = new Set(
    (
      await tx
        .select({ slug: responses.slug })
        .from(responses)
        .where(or(eq(responses.slug, base), like(responses.slug, `${base}-%`)))
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * Creates (id null) or updates a response, and publishes it when asked — one transaction:
 * the row, its links, a new snapshot, the concerns' status changes, the notifications and the
 * audit rows commit together or not at all.
 */
export async function saveResponse(actor: Actor, id: string | null, input: ResponseInput, options: { publish: boolean } & Meta) {
  return db.transaction(async (tx) => {
    let current: typeof responses.$inferSelect | null = null;
    if (id) {
      const [row] = await tx.select().from(responses).where(eq(responses.id, id)).for("update");
      if (!row) throw new DomainError("responses:errors.notFound", { status: 404 });
      current = row;
    }
    const values = {
      title: input.title,
      summary: input.summary,
      bodyJson: input.body.doc,
      bodyHtml: input.body.html,
      bodyText: input.body.text,
      policyVersionId: input.policyVersionId,
      criterionStatement: input.criterionStatement,
      clusterZip: input.cluster?.zip ?? null,
      clusterKindId: input.cluster?.kindId ?? null,
      refType: input.ref?.type ?? null,
      refId: input.ref?.id ?? null,
      refUrl: input.ref?.url ?? null,
      updatedAt: new Date(),
    };
    let response: typeof responses.$inferSelect;
    if (current) {
      [response] = (await tx.update(responses).set(values).where(eq(responses.id, current.id)).returning()) as [typeof responses.$inferSelect];
    } else {
      [response] = (await tx
        .insert(responses)
        .values({ ...values, slug: await uniqueSlug(tx, input.title), authorId: actor.id })
        .returning()) as [typeof responses.$inferSelect];
    }

    // Direct links: replace those nobody has been told about; links already announced stay.
    const wanted = [...new Set(input.concernIds)];
    await tx.delete(responseConcerns).where(
      and(
        eq(responseConcerns.responseId, response.id),
        eq(responseConcerns.via, "direct"),
        isNull(responseConcerns.notifiedAt),
        wanted.length
          ? sql`${responseConcerns.concernId} not in (${sql.join(
              wanted.map((w) => sql`${w}::uuid`),
              sql`, `,
            )})`
          : undefined,
      ),
    );
    if (wanted.length) {
      await tx
        .insert(responseConcerns)
        .values(wanted.map((concernId) => ({ responseId: response.id, concernId, via: "direct" as const })))
        .onConflictDoUpdate({ target: [responseConcerns.responseId, responseConcerns.concernId], set: { via: "direct" } });
    }

    // Snapshots: the list as given, then the new one.
    const snapshotIds = [...new Set(input.snapshotIds)];
    if (input.newSnapshot)
      snapshotIds.push(await createSnapshot(tx, { measure: input.newSnapshot.measure, filters: input.newSnapshot.filters, actorId: actor.id }));
    await tx.delete(responseSnapshots).where(eq(responseSnapshots.responseId, response.id));
    if (snapshotIds.length)
      await tx.insert(responseSnapshots).values(snapshotIds.map((snapshotId, position) => ({ responseId: response.id, snapshotId, position })));

    const clusterChanged = !current || current.clusterZip !== values.clusterZip || current.clusterKindId !== values.clusterKindId;
    const publishing = options.publish && response.status === "draft";
    if (publishing) {
      [response] = (await tx.update(responses).set({ status: "published", publishedAt: new Date() }).where(eq(responses.id, response.id)).returning()) as [
        typeof responses.$inferSelect,
      ];
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: current ? "response.updated" : "response.created",
      subjectType: "response",
      subjectId: response.id,
      data: { title: response.title, concerns: wanted.length, snapshots: snapshotIds.length },
      ipAddress: options.ip,
    });

    let notified = { concerns: 0, people: 0 };
    if (response.status === "published") {
      // The cluster is taken when first published (or when it changes later): its open concerns then.
      if (response.clusterZip && response.clusterKindId && (publishing || clusterChanged)) {
        const members = await openConcernIdsInCluster({ zip: response.clusterZip, kindId: response.clusterKindId }, tx);
        if (members.length) {
          await tx
            .insert(responseConcerns)
            .values(members.map((concernId) => ({ responseId: response.id, concernId, via: "cluster" as const })))
            .onConflictDoNothing();
        }
      }
      notified = await announce(tx, response, actor, options.ip);
    }
    if (publishing) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "response.published",
        subjectType: "response",
        subjectId: response.id,
        data: { slug: response.slug, concernsNotified: notified.concerns, peopleNotified: notified.people, policyVersionId: response.policyVersionId },
        ipAddress: options.ip,
      });
    }
    return { response, published: publishing, notified };
  });
}

/**
 * Tells the people behind linked concerns not yet told: the concern moves to "responded"
 * (concerns service) and its reporters who left an email, plus everyone following it, get one
 * "response published" notification. Each link is announced once (notified_at); the event key
 * and the outbox's idempotency key make a second message to the same person impossible anyway.
 */
async function announce(tx: Transaction, response: typeof responses.$inferSelect, actor: Actor, ip?: string | null) {
  const pending = await tx
    .select({ concernId: responseConcerns.concernId })
    .from(responseConcerns)
    .where(and(eq(responseConcerns.responseId, response.id), isNull(responseConcerns.notifiedAt)))
    .for("update");
  if (!pending.length) return { concerns: 0, people: 0 };
  const ids = pending.map((p) => p.concernId);
  const { contacts } = await markRespondedByResponse(tx, ids, { code: "responded", params: { title: response.title } }, { id: actor.id, ipAddress: ip });

  const followers = await tx
    .selectDistinct({ userId: concernFollows.userId, email: emailOf<string>(concernFollows.userId) })
    .from(concernFollows)
    .where(inArray(concernFollows.concernId, ids));
  const followerEmails = new Set(followers.map((f) => f.email.toLowerCase()));
  // A reporter who also follows with their account hears once, in their account.
  const recipients: Recipient[] = [
    ...followers.map((f) => ({ userId: f.userId })),
    ...contacts.filter((c) => !followerEmails.has(c.email.toLowerCase())).map((c) => ({ email: c.email, locale: c.locale, url: `/concerns/track/${c.code}` })),
  ];
  if (recipients.length) {
    await notify(
      tx,
      { type: "response_published", key: `response:${response.id}`, url: responseUrl(response.slug), params: { title: response.title } },
      recipients,
    );
  }
  await tx
    .update(responseConcerns)
    .set({ notifiedAt: new Date() })
    .where(and(eq(responseConcerns.responseId, response.id), inArray(responseConcerns.concernId, ids)));
  return { concerns: ids.length, people: recipients.length };
}

/** A signed-in person follows a concern (idempotent). */
export async function followConcern(concernId: string, userId: string) {
  await db.insert(concernFollows).values({ concernId, userId }).onConflictDoNothing();
}

export async function unfollowConcern(concernId: string, userId: string) {
  await db.delete(concernFollows).where(and(eq(concernFollows.concernId, concernId), eq(concernFollows.userId, userId)));
}
