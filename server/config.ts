/**
 * What the server takes from its environment about where it lives on the internet: the public
 * origin (APP_URL) and which proxies to believe (TRUST_PROXY). Nothing here is read from a request.
 */

export class ConfigError extends Error {}

/** APP_URL as an origin (`https://cab.example.org`), required in production, `http://localhost:PORT` otherwise. */
export function resolveAppUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.APP_URL?.trim();
  if (!raw) {
    if (env.NODE_ENV === "production")
      throw new ConfigError(
        "APP_URL is not set. In production the portal needs its public address (for example APP_URL=https://cab.example.org) " +
          "to write links in emails, feeds and calendars and to check the Origin of form posts; it never takes them from the request.",
      );
    return `http://localhost:${env.PORT || 3000}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`APP_URL=${JSON.stringify(raw)} is not a URL (expected something like https://cab.example.org).`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new ConfigError(`APP_URL must start with https:// or http:// (got ${url.protocol}).`);
  if (url.pathname !== "/" || url.search || url.hash)
    throw new ConfigError(`APP_URL must be an origin without a path (got ${JSON.stringify(raw)}); the portal is served from the root of its host.`);
  return url.origin;
}

/**
 * TRUST_PROXY with Express's meaning: `true`/`false`, a number of hops (`1` = the one proxy in
 * front), or a comma-separated list of addresses, CIDR ranges and the names `loopback`,
 * `linklocal`, `uniquelocal`. Express reads the string "1" as an address (which trusts nothing),
 * so numbers and booleans are converted here.
 */
export function parseTrustProxy(raw: string | boolean | number | undefined): boolean | number | string | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (typeof raw !== "string") return raw;
  const value = raw.trim();
  if (/^(true|yes)$/i.test(value)) return true;
  if (/^(false|no|0)$/i.test(value)) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .join(",");
}
