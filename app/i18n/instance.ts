import i18next, { type i18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";

// A locale's strings are fixed for the life of a build, so its instance is made once and
// shared: initializing i18next with every namespace cost milliseconds on EVERY page render.
// (Instances are read-only after init: nothing calls changeLanguage on them.)
const instances = new Map<string, i18n>();

/**
 * A language's strings travel as one content-hashed JSON file (`/locales/<lng>.<hash>.json`,
 * cached immutably by the browser) instead of inside every document: the root loader names
 * the file, the server registers what it serves under that name, and the browser fetches it
 * once before hydrating (entry.client) or before a navigation switches language (the root's
 * clientLoader).
 */
const strings = new Map<string, Resource[string]>();
const pending = new Map<string, Promise<void>>();

export function provideStrings(href: string, resources: Resource[string]) {
  strings.set(href, resources);
}

/** The strings registered under a file name, or undefined if they have not arrived (yet). */
export function stringsAt(href: string | null | undefined): Resource[string] | undefined {
  return href ? strings.get(href) : undefined;
}

/** Browser: fetches a strings file once (a retry on failure); resolves when it is registered. */
export function loadStrings(href: string | null | undefined): Promise<void> {
  if (!href || strings.has(href)) return Promise.resolve();
  let promise = pending.get(href);
  if (!promise) {
    const get = () =>
      fetch(href, { credentials: "same-origin" }).then((r) => {
        if (!r.ok) throw new Error(`strings: ${r.status}`);
        return r.json() as Promise<Resource[string]>;
      });
    promise = get()
      .catch(() => get())
      .then((resources) => provideStrings(href, resources))
      .finally(() => pending.delete(href));
    pending.set(href, promise);
  }
  return promise;
}

/**
 * The i18next instance for the strings the root loader sent for the current locale. Same code
 * on the server and in the browser, so hydration matches.
 */
export function createI18n(locale: string, resources: Resource[string]): i18n {
  const key = `${locale}\u0000${Object.keys(resources).sort().join(",")}`;
  const cached = instances.get(key);
  if (cached) return cached;
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: resources },
    defaultNS: "common",
    ns: Object.keys(resources),
    interpolation: { escapeValue: false },
    initImmediate: false,
    react: { useSuspense: false },
  });
  memoizePlainLookups(instance);
  instances.set(key, instance);
  return instance;
}

const PLAIN_OPTIONS = new Set(["lng", "lngs", "ns", "keyPrefix"]);

/**
 * i18next's t() costs microseconds per call (key parsing, resolution, interpolation); a page
 * with 50 comments makes a thousand calls, which was the largest part of its render. A call
 * without values (no interpolation, count or context) always gives the same string for a
 * fixed-language instance whose strings never change, so those are remembered.
 */
function memoizePlainLookups(instance: i18n) {
  const t = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
  const memo = new Map<string, unknown>();
  (instance as unknown as { t: (...args: unknown[]) => unknown }).t = (key: unknown, options?: unknown, ...rest: unknown[]) => {
    if (typeof key !== "string" || rest.length || !options || typeof options !== "object") return t(key, options, ...rest);
    const o = options as Record<string, unknown>;
    for (const k in o) if (!PLAIN_OPTIONS.has(k) || (k === "keyPrefix" && o[k] !== undefined)) return t(key, options);
    const ns = Array.isArray(o.ns) ? o.ns.join(",") : String(o.ns ?? "");
    const cacheKey = `${String(o.lng ?? "")}\u0000${ns}\u0000${key}`;
    if (memo.has(cacheKey)) return memo.get(cacheKey);
    const value = t(key, options);
    if (typeof value === "string" && memo.size < 20_000) memo.set(cacheKey, value);
    return value;
  };
}
