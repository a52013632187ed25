// The search module's public surface on the server: other code imports from here, never deeper.
export { search, snippetParts } from "./queries.server";
