import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { SiteFooter, SiteHeader, useMainClassName } from "~/components/layout";
import { createI18n, loadStrings, stringsAt } from "~/i18n/instance";
import { i18nServer, localeCookie, stringsHref } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE, isLocale } from "~/locales/config";
import { getUser } from "~/modules/auth/index.server";
import { unreadCount } from "~/modules/notifications/index.server";
import { readFlash } from "~/utils/flash.server";
import { useNonce } from "~/utils/nonce";
import appStyles from "~/styles/app.css";
import { COUNTY_TIME_ZONE } from "~/utils/clock";
import { metaT, pageTitle } from "~/i18n/meta";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: appStyles },
];

// The home page and every error page (the root boundary renders those) are named here; other
// pages name themselves with pageTitle (~/i18n/meta), in the reader's language.
export const meta: MetaFunction<typeof loader> = (args) =>
  args.error
    ? [
        {
          title: `${metaT(args)(`errors.${errorKind(args.error)}Title`, { defaultValue: FALLBACK[`${errorKind(args.error)}Title`] })} · ${metaT(args)("appName")}`,
        },
      ]
    : pageTitle(args);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser({ context });
  const chosen = await localeCookie.parse(request.headers.get("Cookie"));
  const locale = isLocale(chosen) ? chosen : isLocale(user?.locale) ? user.locale : await i18nServer.getLocale(request);
  const safeLocale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const { flash, clear } = await readFlash(request);
  return json(
    {
      locale: safeLocale,
      // Not the strings themselves (80 KB in every document): the name of their cached file.
      strings: stringsHref(safeLocale),
      user: user ? { id: user.id, displayName: user.displayName, role: user.role } : null,
      unreadNotifications: user ? await unreadCount(user.id, new URL(request.url).pathname) : 0,
      flash,
    },
    { headers: clear ? { "Set-Cookie": clear } : undefined },
  );
}

/** A navigation that changes the language (switch, sign-in) fetches that language's strings first. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const data = await serverLoader<typeof loader>();
  await loadStrings(data.strings);
  return data;
}

export type RootData = ReturnType<typeof useLoaderData<typeof loader>>;

// The strings only change with the language or the user; don't refetch them on every click.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, currentUrl, nextUrl, defaultShouldRevalidate }) => {
  if (formMethod && formMethod !== "GET") return true;
  if (currentUrl.pathname === nextUrl.pathname) return defaultShouldRevalidate;
  return true;
};

function Document({ children, locale, title, strings }: { children: ReactNode; locale: string; title?: string; strings?: string }) {
  const nonce = useNonce();
  return (
    // The county's time zone travels on the page: browser code formats dates in the zone the server used.
    <html lang={locale} dir="ltr" data-county-time-zone={COUNTY_TIME_ZONE}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {title ? <title>{title}</title> : null}
        {strings ? <link rel="preload" as="fetch" href={strings} crossOrigin="anonymous" /> : null}
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useLoaderData<typeof loader>();
  const i18n = useMemo(() => createI18n(data.locale, stringsAt(data.strings) ?? {}), [data.locale, data.strings]);
  const mainClassName = useMainClassName();
  return (
    <I18nextProvider i18n={i18n}>
      <Document locale={data.locale} strings={data.strings}>
        <SiteHeader user={data.user} locale={data.locale} unread={data.unreadNotifications} />
        <main id="main" tabIndex={-1} className={mainClassName}>
          {data.flash ? <FlashMessage flash={data.flash} /> : null}
          <Outlet />
        </main>
        <SiteFooter />
      </Document>
    </I18nextProvider>
  );
}

function FlashMessage({ flash }: { flash: NonNullable<RootData["flash"]> }) {
  const { t } = useTranslation();
  return (
    <div className={`alert alert-${flash.kind ?? "success"}`} role="status">
      {t(flash.key, flash.values)}
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? DEFAULT_LOCALE;
  // Without root data (the root loader itself failed) the messages fall back to their English defaults.
  const i18n = useMemo(() => createI18n(locale, stringsAt(data?.strings) ?? {}), [locale, data?.strings]);
  return (
    <I18nextProvider i18n={i18n}>
      <Document locale={locale} strings={data?.strings}>
        <SiteHeader user={data?.user ?? null} locale={locale} unread={data?.unreadNotifications} />
        <main id="main" tabIndex={-1}>
          <ErrorMessage error={error} />
        </main>
        <SiteFooter />
      </Document>
    </I18nextProvider>
  );
}

// English defaults for when no strings reached the page (the root loader failed).
const FALLBACK: Record<string, string> = {
  notFoundTitle: "Page not found",
  notFoundText: "We could not find that page.",
  forbiddenTitle: "You do not have access to this page",
  forbiddenText: "Your account does not have permission to see this page.",
  rateLimitedTitle: "Too many attempts",
  rateLimitedText: "Please wait a minute and try again.",
  // A 503 from the root loader itself (the database went away after the session was read) has no
  // strings: it still says what to do, as the server's own outage page does.
  unavailableTitle: "Please try again shortly",
  unavailableText: "The portal cannot reach its database right now. Nothing you sent before this page was lost. Please try again in a minute.",
  badRequestTitle: "We could not process that request",
  badRequestText: "Something in the request was not valid.",
  serverTitle: "Something went wrong",
  serverText: "Please try again shortly.",
  backHome: "Back to the home page",
};

/** Which error text a failed page shows (and names its title after). */
function errorKind(error: unknown) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return status === 404
    ? "notFound"
    : status === 403
      ? "forbidden"
      : status === 429
        ? "rateLimited"
        : status === 503
          ? "unavailable"
          : status < 500
            ? "badRequest"
            : "server";
}

export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const kind = errorKind(error);
  return (
    <section className="error-page">
      <h1>{t(`errors.${kind}Title`, FALLBACK[`${kind}Title`])}</h1>
      <p>{t(`errors.${kind}Text`, FALLBACK[`${kind}Text`])}</p>
      <p>
        <a href="/">{t("errors.backHome", FALLBACK.backHome)}</a>
      </p>
    </section>
  );
}
