// The comments module's browser-safe surface (types, constants, components).
export type { CommentSubject } from "./permissions";
