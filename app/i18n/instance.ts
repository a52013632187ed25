import i18next, { type i18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";

// A locale's strings are fixed for the life of a build, so its instance is made once and
// shared: initializing i18next with every namespace cost milliseconds on EVERY page render.
// (Instances are read-only after init: nothing calls changeLanguage on them.)
const instances = new Map<string, i18n>();

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
  instances.set(key, instance);
  return instance;
}
