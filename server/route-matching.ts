/**
 * Remix 2 matches the URL against the whole route tree several times per document request
 * (the server runtime, the partial manifest of lazy route discovery for the URL and each of its
 * parents), and each match flattens and ranks all ~90 routes and compiles a RegExp per branch: a
 * quarter of the portal's trivial page in a CPU profile (`node --cpu-prof`), a cost that grows
 * with the number of routes (the bare one-route page hardly pays it).
 *
 * The routes never change in a running build, so a match for a pathname is remembered: keyed by
 * the tree's shape (ids, paths, index flags) and the pathname, and handed back with the caller's
 * own route objects (each render builds its own copies of the tree). Trees without ids, and
 * calls with more than a pathname, go to the original. At most MAX_PATHS remembered per tree.
 */
import { createRequire } from "node:module";
import path from "node:path";

type Route = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: Route };
type MatchRoutes = (routes: Route[], location: string | { pathname?: string }, basename?: string) => Match[] | null;

const MAX_PATHS = 2000;

type Tree = { key: string; byId: Map<string, Route> } | null;
const trees = new WeakMap<Route[], Tree>();
const remembered = new Map<string, Map<string, { id: string; params: Match["params"]; pathname: string; pathnameBase: string }[] | null>>();

function describe(routes: Route[]): Tree {
  const byId = new Map<string, Route>();
  const walk = (list: Route[]): string | null => {
    let out = "";
    for (const r of list) {
      if (!r.id || byId.has(r.id)) return null;
      byId.set(r.id, r);
      const kids = r.children?.length ? walk(r.children) : "";
      if (kids === null) return null;
      out += `${r.id}|${r.path ?? ""}|${r.index ? 1 : 0}|${r.caseSensitive ? 1 : 0}(${kids})`;
    }
    return out;
  };
  const key = walk(routes);
  return key === null ? null : { key, byId };
}

export function memoizeMatchRoutes(original: MatchRoutes): MatchRoutes {
  return (routes, location, basename = "/") => {
    const pathname = typeof location === "string" ? location : location?.pathname;
    if (typeof pathname !== "string" || /[?#]/.test(pathname) || !Array.isArray(routes)) return original(routes, location, basename);
    let tree = trees.get(routes);
    if (tree === undefined) {
      tree = describe(routes);
      trees.set(routes, tree);
    }
    if (!tree) return original(routes, location, basename);
    let byPath = remembered.get(tree.key);
    if (!byPath) remembered.set(tree.key, (byPath = new Map()));
    const key = `${basename}\u0000${pathname}`;
    let cached = byPath.get(key);
    if (cached === undefined) {
      const matches = original(routes, location, basename);
      cached = matches && matches.map((m) => ({ id: m.route.id!, params: { ...m.params }, pathname: m.pathname, pathnameBase: m.pathnameBase }));
      if (byPath.size >= MAX_PATHS) byPath.clear();
      byPath.set(key, cached);
      return matches;
    }
    const byId = tree.byId;
    return cached && cached.map((m) => ({ params: { ...m.params }, pathname: m.pathname, pathnameBase: m.pathnameBase, route: byId.get(m.id)! }));
  };
}

type RouteManifest = Record<string, unknown>;
type CreateServerRoutes = (manifest: RouteManifest, routeModules: Record<string, unknown>, future: unknown, isSpaMode: boolean, ...rest: unknown[]) => Route[];

/**
 * `<RemixServer>` rebuilds the React route tree (one object per route, ~90) from the manifest and
 * the route modules on every render: 9% of the trivial page's CPU. Both are the same for the life
 * of a build (the server runtime makes a fresh `routeModules` object per request, holding the same
 * modules), so the tree is built once per build and handed out again while every module is the
 * same one. The tree is only read by the render (the router copies it into its own data routes).
 */
export function memoizeServerRoutes(original: CreateServerRoutes): CreateServerRoutes {
  const built = new WeakMap<RouteManifest, { modules: [string, unknown][]; future: unknown; isSpaMode: boolean; routes: Route[] }>();
  return (manifest, routeModules, future, isSpaMode, ...rest) => {
    if (rest.length) return original(manifest, routeModules, future, isSpaMode, ...rest);
    const hit = built.get(manifest);
    if (hit && hit.future === future && hit.isSpaMode === isSpaMode && hit.modules.every(([id, module]) => routeModules[id] === module)) return hit.routes;
    const routes = original(manifest, routeModules, future, isSpaMode);
    built.set(manifest, { modules: Object.entries(routeModules), future, isSpaMode, routes });
    return routes;
  };
}

let installed = false;

/**
 * Replaces @remix-run/router's exported matchRoutes (what the server runtime and Remix's React code
 * call) and @remix-run/react's createServerRoutes (what `<RemixServer>` calls, through its module's
 * exports). `ROUTE_MATCH_MEMO=false` leaves both alone.
 */
export function installRouteMatchMemo() {
  if (installed || process.env.ROUTE_MATCH_MEMO === "false") return;
  installed = true;
  const require = createRequire(import.meta.url);
  const router = require("@remix-run/router") as { matchRoutes: MatchRoutes };
  router.matchRoutes = memoizeMatchRoutes(router.matchRoutes);
  // Not in the package's exports map: reached by its file, next to the entry point (dist/index.js).
  const routesModule = require(path.join(path.dirname(require.resolve("@remix-run/react")), "routes.js")) as { createServerRoutes: CreateServerRoutes };
  routesModule.createServerRoutes = memoizeServerRoutes(routesModule.createServerRoutes);
}
