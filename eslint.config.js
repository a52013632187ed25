// Lint: TypeScript's recommended rules, and the module boundaries of DESIGN.md.
//
// A module's public surface is app/modules/<m>/index.server.ts (server), index.ts (browser-safe
// types, constants and helpers), schemas.ts (its zod form schemas, which pages also use in the
// browser) and ui/<component>.tsx (components, one file each, so a page's bundle holds only the
// components it draws). Nothing outside the module imports anything else of it. A module's tables
// (app/db/schema/<m>.ts) are imported by that module alone; no application code imports the
// schema barrel.
import fs from "node:fs";
import tseslint from "typescript-eslint";

const MODULES = fs
  .readdirSync(new URL("./app/modules", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
// Tables with no module of their own (rate limits, app settings) live in schema/platform.ts.
const SCHEMA_OWNERS = fs
  .readdirSync(new URL("./app/db/schema", import.meta.url))
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => f.replace(/\.ts$/, ""));

const PUBLIC = "(?:index|index\\.server|schemas|ui/[\\w.-]+)";
const deepImport = (except) => ({
  // ~/modules/<m>/<anything but the public surface>, and the same through relative paths.
  regex: `(?:^~/modules/|(?:^|/)app/modules/|^(?:\\.\\./)+modules/)(?!${except ? `${except}/` : "\\b\\B"})[\\w-]+/(?!${PUBLIC}$).+`,
  message:
    "Import a module through its public surface: ~/modules/<m> (index.ts), ~/modules/<m>/index.server, ~/modules/<m>/schemas or ~/modules/<m>/ui/<component>.",
});
const schemaBarrel = {
  regex: "(?:^~/db/schema|/db/schema)(?:/index)?$",
  message: "Import your module's own tables from ~/db/schema/<module>; another module's data comes through its functions.",
};
const foreignSchema = (owner) => ({
  regex: `(?:^~/db/schema/|/db/schema/)(?!${owner}$)[\\w-]+$`,
  message: `Only the module that owns a table imports it: ask that module's index.server for the data instead.`,
});

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "bench/bare/build/**",
      "bench/bare/public/build/**",
      "bench/bare/.cache/**",
      "node_modules/**",
      ".cache/**",
      ".data*/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  {
    files: ["**/*.{ts,tsx,js}"],
    extends: [tseslint.configs.base],
    rules: {},
  },
  // Code outside app/modules: only public surfaces; app and server code read no tables directly.
  {
    files: ["app/**/*.{ts,tsx}", "server/**/*.ts", "emails/**/*.tsx", "tests/**/*.ts", "seeds/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts"],
    ignores: ["app/modules/**", "app/db/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [deepImport(null)] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "server/**/*.ts"],
    ignores: ["app/modules/**", "app/db/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [deepImport(null), schemaBarrel, foreignSchema("\\b\\B")] }] },
  },
  // Shared plumbing (app/utils) owns the tables of schema/platform.ts (rate limits, settings).
  {
    files: ["app/utils/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [deepImport(null), schemaBarrel, foreignSchema("platform")] }] },
  },
  // Inside a module: its own files freely; other modules only through their public surface; its
  // own tables only.
  ...MODULES.map((m) => ({
    files: [`app/modules/${m}/**/*.{ts,tsx}`],
    rules: {
      "no-restricted-imports": ["error", { patterns: [deepImport(m), schemaBarrel, foreignSchema(SCHEMA_OWNERS.includes(m) ? m : "\\b\\B")] }],
    },
  })),
);
