export { dataBlock, neutraliseDelimiters } from "./data-block.js";
export { buildSystemPrompt, maximumLetterWords, minimumLetterWords } from "./system-prompt.js";
export { buildUserPrompt } from "./user-prompt.js";
