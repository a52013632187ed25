import i18next, { type i18n, type Resource } from "i18next";
import { initReactI18next } from "react-i18next";

/**
 * One i18next instance per render, built from the strings the root loader sent for the
 * current locale. Same code on the server and in the browser, so hydration matches.
 */
export function createI18n(locale: string, resources: Resource[string]): i18n {
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
  return instance;
}
