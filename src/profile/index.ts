export { loadProfile, supportedProfileExtensions } from "./load-profile.js";
