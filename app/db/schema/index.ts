// One file per module; each module adds its own line here.
export * from "./auth";
export * from "./audit";
export * from "./notifications";
export * from "./platform";
export * from "./analyses";
export * from "./voting";
export * from "./briefs";
export * from "./comments";
export * from "./consultations";
export * from "./concerns";
export * from "./policies";
export * from "./meetings";
export * from "./metrics";
export * from "./responses";
export * from "./records";
export * from "./sunshine";
