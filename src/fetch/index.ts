export * from "./charset.js";
export * from "./page-fetcher.js";
export * from "./url-guard.js";
