// The richtext module's browser-safe surface (types, constants, components).
export {};
