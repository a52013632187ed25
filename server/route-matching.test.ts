import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import path from "node:path";
import { installRouteMatchMemo, memoizeMatchRoutes, memoizeServerRoutes } from "./route-matching";

const { matchRoutes } = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: Parameters<typeof memoizeMatchRoutes>[0] };

/** A fresh copy of a small route tree, as each render builds its own. */
const tree = () => [
  {
    id: "root",
    path: "",
    children: [
      { id: "routes/_index", index: true },
      { id: "routes/briefs.$slug", path: "briefs/:slug" },
      { id: "routes/briefs._index", path: "briefs", index: true },
      { id: "routes/$", path: "*" },
    ],
  },
];

describe("remembered route matches", () => {
  const memo = memoizeMatchRoutes(matchRoutes);
  const strip = (ms: ReturnType<typeof matchRoutes>) =>
    ms?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, pathnameBase: m.pathnameBase }));

  it("answers as the router does, with the caller's own route objects, every time", () => {
    for (const path of ["/", "/briefs", "/briefs/a-b", "/briefs/x/y", "/nope", "/briefs/a-b"]) {
      for (let i = 0; i < 3; i++) {
        const routes = tree();
        const got = memo(routes, path);
        expect(strip(got), path).toEqual(strip(matchRoutes(tree(), path)));
        const ids = new Set<unknown>([routes[0], ...routes[0]!.children]);
        for (const m of got ?? []) expect(ids.has(m.route), `${path}: a route of the caller's tree`).toBe(true);
      }
    }
  });

  it("does not mix trees of another shape, and hands out params a caller may change", () => {
    const other = [{ id: "root", path: "", children: [{ id: "routes/other", path: "briefs/:id" }] }];
    expect(memo(other, "/briefs/7")![1]!.route.id).toBe("routes/other");
    expect(memo(tree(), "/briefs/7")![1]!.route.id).toBe("routes/briefs.$slug");
    const first = memo(tree(), "/briefs/7")!;
    first[1]!.params.slug = "changed";
    expect(memo(tree(), "/briefs/7")![1]!.params.slug).toBe("7");
    // No ids: left to the router.
    expect(memo([{ path: "a" }], "/a")![0]!.pathname).toBe("/a");
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
