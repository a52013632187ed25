// The Remix compiler replaces `process.env.NODE_ENV` with "production" in every build, so
// the real runtime value has to be read indirectly.
const NODE_ENV_KEY = "NODE_ENV";

function runtimeNodeEnv() {
  return process.env[NODE_ENV_KEY];
}

export function isProduction() {
  return runtimeNodeEnv() === "production";
}
