import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmStep } from "~/components/confirm-step";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/date-time";
import { requireUser } from "~/modules/auth/index.server";
import { findSessionByHandle, listSessions } from "~/modules/auth/index.server";
import { blankSessionCookie, signOut, signOutEverywhere } from "~/modules/auth/index.server";
import { describeUserAgent } from "~/modules/auth";
import { setFlash } from "~/utils/flash.server";
import { readFormData } from "~/utils/forms.server";
import { TableWrap } from "~/components/table-wrap";
import { badRequest, notFound } from "~/utils/errors";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "sessions", "account");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser({ request, context });
  const sessions = await listSessions(user.id, context.session?.id ?? null);
  return json({ sessions: sessions.map((s) => ({ ...s, device: describeUserAgent(s.userAgent) })) });
}

async function signedOutRedirect(key: string) {
  const headers = new Headers();
  headers.append("Set-Cookie", blankSessionCookie());
  headers.append("Set-Cookie", await setFlash({ key }));
  return redirect("/login", { headers });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser({ request, context });
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "everywhere") {
    // It signs out this browser too: ask once, in words, before doing it.
    if (form.get("confirm") !== "yes") return json({ confirmEverywhere: true });
    await signOutEverywhere(user.id);
    return signedOutRedirect("auth:sessions.everywhereDone");
  }
  const handle = form.get("session");
  if (intent !== "revoke" || typeof handle !== "string" || handle.length > 100) {
    badRequest();
  }
  // Only this user's own sessions can be found by handle.
  const sessionId = await findSessionByHandle(user.id, handle);
  if (!sessionId) notFound();
  await signOut(sessionId);
  if (sessionId === context.session?.id) return signedOutRedirect("auth:logout.done");
  return redirect("/account/sessions", { headers: { "Set-Cookie": await setFlash({ key: "auth:sessions.revoked" }) } });
}

export default function SessionsPage() {
  const { t } = useTranslation("auth");
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to="/account">{t("account.title")}</Link>
      </p>
      <h1>{t("sessions.title")}</h1>
      <p className="lead">{t("sessions.lead")}</p>
      <TableWrap>
        <table>
          <caption className="visually-hidden">{t("sessions.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sessions.device")}</th>
              <th scope="col">{t("sessions.started")}</th>
              <th scope="col">{t("sessions.ip")}</th>
              <th scope="col">{t("sessions.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => {
              const device =
                s.device.browser && s.device.os
                  ? t("sessions.deviceDesc", { browser: s.device.browser, os: s.device.os })
                  : (s.device.browser ?? s.device.os ?? t("sessions.unknownDevice"));
              return (
                <tr key={s.handle}>
                  <th scope="row">
                    {device} {s.current ? <span className="badge">{t("sessions.current")}</span> : null}
                  </th>
                  <td>
                    <DateTime value={s.createdAt} />
                  </td>
                  <td>{s.ipAddress ?? "—"}</td>
                  <td>
                    {s.current ? null : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="session" value={s.handle} />
                        <button type="submit" className="secondary">
                          {t("sessions.revoke")}
                          <span className="visually-hidden">
                            {" "}
                            ({device}, <DateTime value={s.createdAt} />)
                          </span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t("sessions.everywhere")}</h2>
      <p id="everywhere-hint">{t("sessions.everywhereHint")}</p>
      {actionData?.confirmEverywhere ? (
        <ConfirmStep
          message={t("sessions.everywhereConfirm")}
          fields={{ intent: "everywhere" }}
          confirmLabel={t("sessions.everywhereYes")}
          cancelLabel={t("sessions.keepSignedIn")}
          cancelTo="/account/sessions"
        />
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="everywhere" />
        <button type="submit" className="danger" aria-describedby="everywhere-hint">
          {t("sessions.everywhere")}
        </button>
      </Form>
    </section>
  );
}
