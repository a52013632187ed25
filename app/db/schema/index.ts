// One file per module; each module adds its own line here.
export * from "./auth";
export * from "./audit";
export * from "./notifications";
export * from "./platform";
export * from "./metrics";
