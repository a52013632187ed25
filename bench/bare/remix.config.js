/**
 * The benchmark's yardstick: a bare Remix 2 app (classic compiler, same settings as the portal's
 * remix.config.js) built from the installed packages by `npm run bench` itself.
 * @type {import('@remix-run/dev').AppConfig}
 */
export default {
  serverModuleFormat: "esm",
  serverPlatform: "node",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: false,
  },
};
