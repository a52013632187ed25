import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { installRouteMatchMemo, memoizeDataRoutes, memoizeServerRoutes } from "./route-matching";

type Route = { id?: string; path?: string; index?: boolean; children?: Route[] };
type Match = { route: Route; params: Record<string, string | undefined>; pathname: string; pathnameBase: string };
const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as {
  matchRoutes: (routes: Route[], location: string) => Match[] | null;
  UNSAFE_convertRoutesToDataRoutes: Parameters<typeof memoizeDataRoutes>[0];
};

/** A fresh copy of a route tree shaped like the portal's: static, dynamic, index, optional and splat routes. */
const tree = (): Route[] => [
  {
    id: "root",
    path: "",
    children: [
      { id: "routes/_index", index: true },
      { id: "routes/briefs.$slug", path: "briefs/:slug" },
      { id: "routes/briefs._index", path: "briefs", index: true },
      { id: "routes/briefs.new", path: "briefs/new" },
      { id: "routes/dashboard.$measure", path: "dashboard/:measure" },
      { id: "routes/dashboard.($year)", path: "reports/annual/:year?" },
      { id: "routes/Open311", path: "open311/v2/requests.json" },
      { id: "routes/$", path: "*" },
    ],
  },
];
const PATHS = [
  "/",
  "/briefs",
  "/briefs/",
  "/briefs/a-b",
  "/briefs/new",
  "/BRIEFS/NEW",
  "/briefs/x/y",
  "/dashboard/filed",
  "/reports/annual",
  "/reports/annual/2025",
  "/open311/v2/requests.json",
  "/nope",
  "/briefs/a%20b",
];
const strip = (ms: Match[] | null) => ms?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, pathnameBase: m.pathnameBase })) ?? null;

describe("the installed router, patched to flatten a tree once and remember its matches", () => {
  it("is patched: npm install applied patches/ (patch-package)", () => {
    const source = readFileSync(require.resolve("@remix-run/router"), "utf8");
    expect(source).toContain("matchedTrees.get(routes)");
  });

  it("answers the same for a tree it has seen as for a tree it has not, call after call", () => {
    const seen = tree();
    for (let round = 0; round < 3; round++)
      for (const p of PATHS) {
        const got = router.matchRoutes(seen, p);
        expect(strip(got), p).toEqual(strip(router.matchRoutes(tree(), p)));
        // The matches hold the caller's own route objects.
        const own = new Set<Route>([seen[0]!, ...seen[0]!.children!]);
        for (const m of got ?? []) expect(own.has(m.route), p).toBe(true);
      }
    // A caller may change the params it is handed; the next match is not affected.
    router.matchRoutes(seen, "/briefs/7")![1]!.params.slug = "changed";
    expect(router.matchRoutes(seen, "/briefs/7")![1]!.params.slug).toBe("7");
    // Another tree with the same paths but other ids is its own.
    const other: Route[] = [{ id: "root", path: "", children: [{ id: "routes/other", path: "briefs/:id" }] }];
    expect(router.matchRoutes(other, "/briefs/7")![1]!.route.id).toBe("routes/other");
    expect(router.matchRoutes(seen, "/briefs/7")![1]!.route.id).toBe("routes/briefs.$slug");
  });
});

describe("the data routes of a tree, converted once", () => {
  const mapRouteProperties = (r: Route) => ({ hasErrorBoundary: r.id === "root" });

  it("hands out the first conversion again and fills each caller's manifest", () => {
    let conversions = 0;
    const convert = memoizeDataRoutes((...args) => {
      conversions++;
      return router.UNSAFE_convertRoutesToDataRoutes(...args);
    });
    const routes = tree();
    const first: Record<string, Route> = {};
    const a = convert(routes, mapRouteProperties, undefined, first);
    const second: Record<string, Route> = {};
    const b = convert(routes, mapRouteProperties, undefined, second);
    expect(b).toBe(a);
    expect(conversions).toBe(1);
    expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
    expect(second["routes/briefs.$slug"]).toBe(first["routes/briefs.$slug"]);
    // The same as an unremembered conversion.
    const plain: Record<string, Route> = {};
    expect(JSON.stringify(router.UNSAFE_convertRoutesToDataRoutes(tree(), mapRouteProperties, undefined, plain))).toBe(JSON.stringify(a));
    // Another tree, other route properties, or a caller's non-empty manifest: converted anew.
    convert(tree(), mapRouteProperties, undefined, {});
    convert(routes, () => ({}), undefined, {});
    convert(routes, mapRouteProperties, undefined, { x: {} });
    expect(conversions).toBe(4);
  });
});

describe("the server route tree, built once per build", () => {
  const manifest = { root: { id: "root", path: "" }, "routes/a": { id: "routes/a", parentId: "root", path: "a" } };
  const modules = () => ({ root: { default: () => null }, "routes/a": { default: () => null } });
  let builds = 0;
  const build = (_m: unknown, routeModules: Record<string, unknown>) => {
    builds++;
    return [{ id: "root", children: [{ id: "routes/a", module: routeModules["routes/a"] }] }] as never;
  };

  it("hands out the same tree while every route module is the same, and rebuilds when one changes", () => {
    const memo = memoizeServerRoutes(build);
    const current = modules();
    const first = memo(manifest, { ...current }, {}, false);
    const future = {};
    expect(memo(manifest, { ...current }, future, false)).not.toBe(first); // another future object: rebuilt
    const again = memo(manifest, { ...current }, future, false);
    expect(memo(manifest, { ...current }, future, false)).toBe(again);
    expect(builds).toBe(2);
    // A module replaced (a new build in development): a new tree, holding the new module.
    const replaced = { ...current, "routes/a": { default: () => null } };
    const rebuilt = memo(manifest, replaced, future, false);
    expect(rebuilt).not.toBe(again);
    expect((rebuilt[0]!.children![0] as { module?: unknown }).module).toBe(replaced["routes/a"]);
    expect(memo(manifest, replaced, future, true)).not.toBe(rebuilt);
  });

  it("is what <RemixServer> calls once installed", () => {
    const require = createRequire(import.meta.url);
    const file = path.join(path.dirname(require.resolve("@remix-run/react")), "routes.js");
    const before = require(file).createServerRoutes;
    installRouteMatchMemo();
    expect(require(file).createServerRoutes).not.toBe(before);
  });
});
