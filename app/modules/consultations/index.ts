// The consultations module's browser-safe surface (types, constants, components).
export { consultationSubject } from "./subject";
