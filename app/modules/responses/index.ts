// The responses module's browser-safe surface (types, constants, components).
export { CITATION_COLUMNS } from "./citation-columns";
export { responseSubject } from "./subject";
