import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Parity of the two languages: same namespaces, same keys (nested keys flattened with "."), and
// the same {{variables}} in each text. Plural forms (key_one, key_other, …) are compared by base
// key, since languages need different forms (Spanish may add _many).
const DIR = path.dirname(new URL(import.meta.url).pathname);
const LANGS = ["en", "es"] as const;
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = "", out = new Map<string, string>()) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, typeof value === "string" ? value : JSON.stringify(value));
  }
  return out;
}

function load(lang: string) {
  const files = readdirSync(path.join(DIR, lang)).filter((f) => f.endsWith(".json"));
  return new Map(files.map((f) => [f.replace(/\.json$/, ""), flatten(JSON.parse(readFileSync(path.join(DIR, lang, f), "utf8")))]));
}

const variables = (text: string) =>
  [...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]!.split(",")[0]!.trim().replace(/^- /, "")))].sort();

const base = (key: string) => key.replace(PLURAL, "");

const locales = Object.fromEntries(LANGS.map((l) => [l, load(l)])) as Record<(typeof LANGS)[number], Map<string, Map<string, string>>>;

describe("locales", () => {
  it("has the same namespaces in every language", () => {
    expect([...locales.es.keys()].sort()).toEqual([...locales.en.keys()].sort());
  });

  for (const ns of [...locales.en.keys()].sort()) {
    describe(ns, () => {
      const en = locales.en.get(ns)!;
      const es = locales.es.get(ns) ?? new Map<string, string>();

      it("has every key in both languages", () => {
        const enKeys = new Set([...en.keys()].map(base));
        const esKeys = new Set([...es.keys()].map(base));
        const missing = [
          ...[...enKeys].filter((k) => !esKeys.has(k)).map((k) => `missing in es: ${ns}:${k}`),
          ...[...esKeys].filter((k) => !enKeys.has(k)).map((k) => `missing in en: ${ns}:${k}`),
        ];
        expect(missing).toEqual([]);
      });

      it("has a translation (not empty) for every key", () => {
        const empty = [...en, ...es].filter(([, text]) => !text.trim()).map(([key]) => `${ns}:${key}`);
        expect(empty).toEqual([]);
      });

      it("uses the same {{variables}} in both languages", () => {
        const mismatches: string[] = [];
        const byBase = (m: Map<string, string>) => {
          const out = new Map<string, Map<string, string>>();
          for (const [key, text] of m) out.set(base(key), (out.get(base(key)) ?? new Map()).set(key, text));
          return out;
        };
        const esByBase = byBase(es);
        for (const [b, forms] of byBase(en)) {
          const other = esByBase.get(b);
          if (!other) continue;
          for (const [key, text] of forms) {
            // The same form in both: same variables. A form only one language has: compare with its "other" form.
            const counterpart = other.get(key) ?? other.get(`${b}_other`) ?? other.get(b);
            if (counterpart === undefined) continue;
            const a = variables(text);
            const c = variables(counterpart);
            // {{count}} may be left out of a singular form ("One comment" / "Un comentario").
            const strip = (vars: string[]) => (PLURAL.test(key) ? vars.filter((v) => v !== "count") : vars);
            if (JSON.stringify(strip(a)) !== JSON.stringify(strip(c))) mismatches.push(`${ns}:${key} en ${JSON.stringify(a)} es ${JSON.stringify(c)}`);
          }
        }
        for (const [b, forms] of esByBase) {
          const other = byBase(en).get(b);
          if (!other) continue;
          for (const [key, text] of forms) {
            if (other.has(key)) continue; // compared above
            const counterpart = other.get(`${b}_other`) ?? other.get(b);
            if (counterpart === undefined) continue;
            const strip = (vars: string[]) => vars.filter((v) => v !== "count");
            if (JSON.stringify(strip(variables(text))) !== JSON.stringify(strip(variables(counterpart)))) mismatches.push(`${ns}:${key} es ${JSON.stringify(variables(text))} en ${JSON.stringify(variables(counterpart))}`);
          }
        }
        expect(mismatches).toEqual([]);
      });
    });
  }
});
