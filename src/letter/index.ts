export { checkLetter, findPlaceholders } from "./checks.js";
export { estimateCostUsd } from "./cost.js";
export { createLetterWriter, type LetterWriterOptions } from "./create-letter-writer.js";
export { extractRequirements, type Requirement } from "./offline/requirements.js";
export { createOfflineLetterWriter, missingProfileWarning } from "./offline-writer.js";
export {
  createOpenAiLetterWriter,
  defaultLetterTimeoutMs,
  type OpenAiLetterWriterOptions,
} from "./openai-writer.js";
export {
  buildSystemPrompt,
  buildUserPrompt,
  maximumLetterWords,
  minimumLetterWords,
} from "./prompts/index.js";
export { countWords } from "./text-tools.js";
