export * from "./create-logger.js";
export * from "./secret-scrubber.js";
