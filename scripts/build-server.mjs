// Compiles the Express server (server/index.ts and what it imports from server/) to one ES module,
// build/server.js, so production runs on plain `node` with no TypeScript runtime. Packages stay
// external (node_modules is there in production); the Remix app itself is build/index.js.
import { build } from "esbuild";

await build({
  entryPoints: ["server/index.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
console.log("built build/server.js");
