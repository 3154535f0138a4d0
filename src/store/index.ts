export * from "./applications-repository.js";
export * from "./documents-repository.js";
export * from "./jobs-repository.js";
export * from "./letters-repository.js";
export * from "./open-database.js";
export type * from "./schema.js";
export * from "./steps-repository.js";
export * from "./store.js";
export * from "./unique-violation.js";
