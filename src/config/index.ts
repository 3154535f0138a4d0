export * from "./config.js";
export * from "./config-problem.js";
export * from "./load-config.js";
export * from "./read-sources.js";
export * from "./variables.js";
