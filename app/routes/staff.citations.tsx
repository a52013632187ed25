import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableWrap } from "~/components/table-wrap";
import { ErrorList, FormErrors } from "~/components/form";
import { requireRole } from "~/modules/auth/index.server";
import { drugCitationCountsByMonth, listCitations, listPolicyVersions, lookupDocumentedConcerns, policyInForce } from "~/modules/policies/index.server";
import { CitationSchema, LookupSchema } from "~/modules/policies/schemas";
import { recordCitation } from "~/modules/policies/index.server";
import { setFlash } from "~/utils/flash.server";
import { readFormData, readIntent } from "~/utils/forms.server";
import { addDays, countyDay, countyToday } from "~/utils/clock";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "citations", "staff");

export async function loader(args: LoaderFunctionArgs) {
  requireRole(args, "csu_staff");
  const params = new URL(args.request.url).searchParams;
  const today = countyToday();
  const raw = { place: params.get("place") ?? "", from: params.get("from") ?? addDays(today, -365), to: params.get("to") ?? today };
  const searched = params.has("place");
  const parsed = LookupSchema.safeParse(raw);
  const results = searched && parsed.success ? await lookupDocumentedConcerns(parsed.data) : [];
  const lookupErrors = searched && !parsed.success ? parsed.error.flatten().fieldErrors : {};
  const [versions, recent, counts, current] = await Promise.all([
    listPolicyVersions(),
    listCitations(),
    drugCitationCountsByMonth(),
    policyInForce("documented_concern", today),
  ]);
  return json({ raw, searched, results, lookupErrors, versions, recent, counts, today, currentPolicyId: current?.id ?? "" });
}

const ERRORS: Record<string, string> = {
  no_policy: "policies:errors.noPolicy",
  no_concerns: "policies:errors.noConcerns",
  unknown_concern: "policies:errors.unknownConcern",
  not_qualifying: "policies:errors.notQualifying",
};

export async function action(args: ActionFunctionArgs) {
  const user = requireRole(args, "csu_staff");
  const formData = await readFormData(args.request);
  readIntent(formData, ["cite"]);
  const submission = parseWithZod(formData, { schema: CitationSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const r = await recordCitation({ ...v, documentationIds: v.documentationIds ?? [] }, { id: user.id, ipAddress: args.context.clientIp });
  if (!r.ok) return json({ result: submission.reply({ formErrors: [ERRORS[r.error] ?? "common:errors.invalid"] }) }, { status: 400 });
  const back = new URL(args.request.url);
  return redirect(`/staff/citations${back.search}`, { headers: { "Set-Cookie": await setFlash({ key: "policies:citations.recorded" }) } });
}

type Reply = { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown>; formErrors?: string[] };

export default function CitationsPage() {
  const { t, i18n } = useTranslation("policies");
  const { raw, searched, results, lookupErrors, versions, recent, counts, today, currentPolicyId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reply = actionData?.result as Reply | undefined;
  const typed = (f: string, fallback = "") => {
    const v = reply?.initialValue?.[f];
    return typeof v === "string" ? v : fallback;
  };
  const lng = i18n.language;
  const formErrors = [...(reply?.formErrors ?? []), ...(reply?.error?.[""] ?? [])];
  return (
    <section>
      <p>
        <Link to="/staff/concerns">{t("citations.backToQueue")}</Link>
      </p>
      <h1>{t("citations.title")}</h1>
      <p className="lead">{t("citations.lead")}</p>
      {/* The record form shows with lookup results; a refused record without them is explained here. */}
      {reply && !searched ? <FormErrors errors={[...new Set([...formErrors, ...Object.values(reply.error ?? {}).flatMap((e) => e ?? [])])]} /> : null}
      <h2>{t("citations.lookupTitle")}</h2>
      <Form method="get" className="stack">
        <div className="field">
          <label htmlFor="place">{t("citations.place")}</label>
          <p className="hint" id="place-hint">
            {t("citations.placeHint")}
          </p>
          <input id="place" name="place" type="text" required defaultValue={raw.place} aria-describedby="place-hint" />
          <ErrorList errors={(lookupErrors as Record<string, string[]>).place} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="from">{t("citations.from")}</label>
            <input id="from" name="from" type="date" defaultValue={raw.from} required />
            <ErrorList errors={(lookupErrors as Record<string, string[]>).from} />
          </div>
          <div className="field">
            <label htmlFor="to">{t("citations.to")}</label>
            <input id="to" name="to" type="date" defaultValue={raw.to} required />
            <ErrorList errors={(lookupErrors as Record<string, string[]>).to} />
          </div>
        </div>
        <div>
          <button type="submit">{t("citations.search")}</button>
        </div>
      </Form>

      {searched ? (
        <Form method="post" className="stack wide">
          <input type="hidden" name="intent" value="cite" />
          <TableWrap label={t("citations.lookupTitle")}>
            <table>
              <caption>{t("citations.resultsCaption", { place: raw.place, from: raw.from, to: raw.to })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("citations.cite")}</th>
                  <th scope="col">{t("citations.citationNumber")}</th>
                  <th scope="col">{t("citations.concern")}</th>
                  <th scope="col">{t("citations.observed")}</th>
                  <th scope="col">{t("citations.documentedUnder")}</th>
                  <th scope="col">{t("citations.inForce")}</th>
                  <th scope="col">{t("citations.qualifies")}</th>
                </tr>
              </thead>
              <tbody>
                {results.length === 0 ? (
                  <tr>
                    <td colSpan={7}>{t("citations.none")}</td>
                  </tr>
                ) : null}
                {results.map((r) => (
                  <tr key={r.documentationId} data-testid={`lookup-${r.citationNumber}`}>
                    <td>
                      {r.qualifies ? (
                        <input
                          type="checkbox"
                          name="documentationIds"
                          value={r.documentationId}
                          id={`cite-${r.documentationId}`}
                          aria-label={t("citations.citeOne", { number: r.citationNumber })}
                        />
                      ) : null}
                    </td>
                    <th scope="row">{r.citationNumber}</th>
                    <td>
                      <Link to={`/staff/concerns/${r.number}`}>#{r.number}</Link> {lng === "es" ? r.kindNameEs : r.kindNameEn} · {r.block ?? ""} {r.zip}
                    </td>
                    <td>{r.observedDay}</td>
                    <td>{t("citations.versionLabel", { name: r.documentedUnder.name, version: r.documentedUnder.version })}</td>
                    <td>{r.inForce ? t("citations.versionLabel", { name: r.inForce.name, version: r.inForce.version }) : "—"}</td>
                    <td>{r.qualifies ? t("citations.yes") : `${t("citations.no")}: ${t(`citations.reasons.${r.reason}`)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h2>{t("citations.recordTitle")}</h2>
          {formErrors.length ? (
            <div className="alert alert-error" role="alert">
              {formErrors.map((e) => (
                <p key={e}>{t(e)}</p>
              ))}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="caseRef">{t("citations.caseRef")}</label>
            <input id="caseRef" name="caseRef" type="text" required defaultValue={typed("caseRef")} />
            <ErrorList errors={reply?.error?.caseRef} />
          </div>
          <fieldset>
            <legend>{t("citations.decision")}</legend>
            {(["filed", "declined"] as const).map((d) => (
              <div className="choice" key={d}>
                <input type="radio" id={`decision-${d}`} name="decision" value={d} defaultChecked={typed("decision", "filed") === d} />
                <label htmlFor={`decision-${d}`}>{t(`citations.${d}`)}</label>
              </div>
            ))}
            <ErrorList errors={reply?.error?.decision} />
          </fieldset>
          <div className="field">
            <label htmlFor="policyVersionId">{t("citations.policyVersion")}</label>
            <select id="policyVersionId" name="policyVersionId" defaultValue={typed("policyVersionId", currentPolicyId)}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {t(`kinds.${v.kind}`)}: {t("citations.versionLabel", { name: v.name, version: v.version })} ({v.effectiveFrom} – {v.effectiveTo ?? "…"})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="decidedOn">{t("citations.decidedOn")}</label>
            <input id="decidedOn" name="decidedOn" type="date" required defaultValue={typed("decidedOn", today)} />
            <ErrorList errors={reply?.error?.decidedOn} />
          </div>
          <div className="field">
            <label htmlFor="note">{t("citations.note")}</label>
            <textarea id="note" name="note" rows={2} defaultValue={typed("note")} />
          </div>
          <div>
            <button type="submit">{t("citations.submit")}</button>
          </div>
        </Form>
      ) : null}

      <h2>{t("citations.recentTitle")}</h2>
      <TableWrap label={t("citations.recentCaption")}>
        <table>
          <caption>{t("citations.recentCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("citations.caseRef")}</th>
              <th scope="col">{t("citations.decision")}</th>
              <th scope="col">{t("citations.decidedOn")}</th>
              <th scope="col">{t("citations.policyVersion")}</th>
              <th scope="col">{t("citations.cited")}</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.caseRef}</th>
                <td>{t(`citations.${c.decision}`)}</td>
                <td>{c.decidedOn}</td>
                <td>
                  {t(`kinds.${c.policyKind}`)}: {t("citations.versionLabel", { name: c.policyName, version: c.policyVersion })}
                </td>
                <td>{c.cited.join(", ") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h2>{t("citations.countsTitle")}</h2>
      <TableWrap label={t("citations.countsCaption")}>
        <table>
          <caption>{t("citations.countsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("citations.month")}</th>
              <th scope="col">{t("citations.filedDocumented")}</th>
              <th scope="col">{t("citations.filedViolence")}</th>
              <th scope="col">{t("citations.declined")}</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.month}>
                <th scope="row">{c.month}</th>
                <td>{c.filedDocumentedConcern}</td>
                <td>{c.filedConnectionToViolence}</td>
                <td>{c.declined}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
