/**
 * Remix 2 matches the URL against the whole route tree several times per document request (the
 * server runtime, its static handler, the partial manifest of lazy route discovery for the URL and
 * each of its parents), and @remix-run/router flattened and ranked all the routes and compiled a
 * RegExp per branch on every one of those matches: a quarter of the portal's trivial page in a CPU
 * profile (`node --cpu-prof`), a cost that grows with the number of routes (the bare one-route page
 * hardly pays it). Most of those calls are inside the router's own module, out of reach from here,
 * so the router is patched where it is installed (patches/@remix-run+router+*.patch, applied by
 * patch-package after every install): a tree is flattened and ranked once, and its match for a
 * pathname remembered. What is left here are the per-render rebuilds of the tree, in the packages'
 * exports; they matter twice, because the patch remembers matches per tree object.
 */
import { createRequire } from "node:module";
import path from "node:path";

type Route = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };

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

type ConvertRoutes = (routes: Route[], mapRouteProperties: unknown, parentPath?: string[], manifest?: Record<string, Route>) => Route[];

/**
 * react-router-dom's `createStaticRouter` (what `<RemixServer>` renders with) converts the tree
 * into "data routes" on every render, copying every route, and fills the manifest it was given.
 * For the same tree and the same route properties the result is the same, and the render only
 * reads it, so it is converted once and the manifest refilled from the first conversion.
 */
export function memoizeDataRoutes(original: ConvertRoutes): ConvertRoutes {
  const converted = new WeakMap<Route[], { mapRouteProperties: unknown; manifest: Record<string, Route>; dataRoutes: Route[] }>();
  return (routes, mapRouteProperties, parentPath, manifest) => {
    if (parentPath !== undefined || !manifest || Object.keys(manifest).length) return original(routes, mapRouteProperties, parentPath, manifest);
    let hit = converted.get(routes);
    if (!hit || hit.mapRouteProperties !== mapRouteProperties) {
      const own: Record<string, Route> = {};
      hit = { mapRouteProperties, manifest: own, dataRoutes: original(routes, mapRouteProperties, undefined, own) };
      converted.set(routes, hit);
    }
    Object.assign(manifest, hit.manifest);
    return hit.dataRoutes;
  };
}

let installed = false;

/**
 * Replaces @remix-run/react's createServerRoutes (what `<RemixServer>` calls, through its module's
 * exports) and @remix-run/router's convertRoutesToDataRoutes (what react-router-dom's static router
 * calls, through the router's exports). `ROUTE_MATCH_MEMO=false` leaves both alone (the installed
 * router patch stays).
 */
export function installRouteMatchMemo() {
  if (installed || process.env.ROUTE_MATCH_MEMO === "false") return;
  installed = true;
  const require = createRequire(import.meta.url);
  const router = require("@remix-run/router") as { UNSAFE_convertRoutesToDataRoutes: ConvertRoutes };
  router.UNSAFE_convertRoutesToDataRoutes = memoizeDataRoutes(router.UNSAFE_convertRoutesToDataRoutes);
  // Not in the package's exports map: reached by its file, next to the entry point (dist/index.js).
  const routesModule = require(path.join(path.dirname(require.resolve("@remix-run/react")), "routes.js")) as { createServerRoutes: CreateServerRoutes };
  routesModule.createServerRoutes = memoizeServerRoutes(routesModule.createServerRoutes);
}
