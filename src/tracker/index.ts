export * from "./card-format.js";
export * from "./rate-limiter.js";
export * from "./stage-lists.js";
export * from "./trello-client.js";
export * from "./trello-errors.js";
export * from "./trello-tracker.js";
export type * from "./trello-types.js";
