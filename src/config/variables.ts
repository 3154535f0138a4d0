/**
 * What each configuration variable is for and how to get it. Start-up errors quote these lines, so
 * a user who sees "TRELLO_TOKEN is missing" also learns what it does and where to get one.
 */
export interface VariableHelp {
  purpose: string;
  howToGet: string;
  /** Anchor in docs/SETUP.md. */
  setupAnchor: string;
}

const stageListHelp = (stage: string): VariableHelp => ({
  purpose: `the Trello list for the ${stage} stage`,
  howToGet: "a 24-hex list id from the board's .json; unset: a list named like the stage is used",
  setupAnchor: "stages-and-lists",
});

export const variableHelp: Record<string, VariableHelp> = {
  TRELLO_LIST_INTERVIEWING: stageListHelp("interviewing"),
  TRELLO_LIST_OFFER: stageListHelp("offer"),
  TRELLO_LIST_REJECTED: stageListHelp("rejected"),
  TRELLO_LIST_WITHDRAWN: stageListHelp("withdrawn"),
  OPENAI_API_KEY: {
    purpose: "the key jobpipe sends to OpenAI (or an OpenAI-compatible server) to draft cover letters",
    howToGet:
      "create one at https://platform.openai.com/api-keys (it starts with sk-); for Ollama or LM Studio set OPENAI_BASE_URL and any non-empty key such as 'local'",
    setupAnchor: "openai",
  },
  OPENAI_BASE_URL: {
    purpose: "the OpenAI-compatible endpoint letters are drafted with",
    howToGet:
      "leave unset for OpenAI; Ollama: http://127.0.0.1:11434/v1, LM Studio: http://127.0.0.1:1234/v1",
    setupAnchor: "openai",
  },
  OPENAI_MODEL: {
    purpose: "the chat model that drafts letters",
    howToGet: "a model name your endpoint serves, e.g. gpt-5-mini, or llama3.1 on Ollama",
    setupAnchor: "openai",
  },
  OPENAI_TEMPERATURE: {
    purpose: "sampling temperature for letters (leave unset for models that only accept the default)",
    howToGet: "a number between 0 and 2, e.g. 0.7",
    setupAnchor: "openai",
  },
  OPENAI_TIMEOUT: {
    purpose: "seconds one model call may take",
    howToGet: "a positive number of seconds, e.g. 60",
    setupAnchor: "openai",
  },
  TRELLO_API_KEY: {
    purpose: "the Trello API key that lets jobpipe file cards on your board",
    howToGet:
      "open https://trello.com/power-ups/admin, create a Power-Up, and copy its API key (32 hex characters)",
    setupAnchor: "trello-key-and-token",
  },
  TRELLO_TOKEN: {
    purpose: "your Trello user token, which authorises jobpipe to act on your boards",
    howToGet:
      "on the same Power-Up admin page, follow the 'Token' link next to the API key and allow access (64 or more characters)",
    setupAnchor: "trello-key-and-token",
  },
  TRELLO_BOARD_ID: {
    purpose: "the Trello board jobpipe keeps your applications on",
    howToGet:
      "open the board in a browser: the 8 characters after /b/ in its URL are its short link (a 24-hex id also works)",
    setupAnchor: "trello-board-and-list",
  },
  TRELLO_LIST_ID: {
    purpose: "the list on that board new cards go to",
    howToGet:
      'add .json to the board\'s URL and copy the 24-hex "id" of the list under "lists", or run `jobpipe doctor --online`',
    setupAnchor: "trello-board-and-list",
  },
  TRELLO_LIST_APPLIED: stageListHelp("applied"),
  JOBPIPE_FOLLOW_UP_DAYS: {
    purpose: "days after applying that the card's due date is set, as a follow-up reminder",
    howToGet: "a whole number of days (default 7), or off",
    setupAnchor: "stages-and-lists",
  },
  JOBPIPE_LETTER_TONE: {
    purpose: "the tone letters are written in",
    howToGet: "formal (default), warm or concise",
    setupAnchor: "profile",
  },
  TRELLO_BASE_URL: {
    purpose: "the Trello API root",
    howToGet: "leave unset (https://api.trello.com/1) unless you use a proxy",
    setupAnchor: "trello-key-and-token",
  },
  JOBPIPE_DATA_DIR: {
    purpose: "where the database, documents and logs live",
    howToGet: "a writable directory, default ./data",
    setupAnchor: "storage",
  },
  DATABASE_URL: {
    purpose: "the database",
    howToGet: "sqlite:PATH, a file path, or postgres://user:password@host/db",
    setupAnchor: "storage",
  },
  JOBPIPE_PROFILE: {
    purpose: "your résumé, which letters are written from",
    howToGet: "the path of a .json (JSON Resume), .md, .txt, .pdf or .docx file",
    setupAnchor: "profile",
  },
  JOBPIPE_PDF_FONT: {
    purpose: "the TrueType font the PDF letter is set in",
    howToGet: "a .ttf path; leave unset for the bundled DejaVu Serif",
    setupAnchor: "documents",
  },
  JOBPIPE_PDF_BOLD_FONT: {
    purpose: "the bold TrueType font of the PDF letter",
    howToGet: "a .ttf path; leave unset for the bundled DejaVu Serif Bold",
    setupAnchor: "documents",
  },
  JOBPIPE_PDF_CJK_FONT: {
    purpose: "the font used for Chinese, Japanese and Korean text in the PDF",
    howToGet: "a .ttf/.otf/.ttc path such as Noto Sans CJK; unset: a system CJK font when one is installed",
    setupAnchor: "documents",
  },
  HOST: { purpose: "the web server's address", howToGet: "e.g. 127.0.0.1", setupAnchor: "web-app" },
  PORT: {
    purpose: "the web server's port",
    howToGet: "a number from 1 to 65535, default 3000",
    setupAnchor: "web-app",
  },
  JOBPIPE_API_TOKEN: {
    purpose: "the bearer token for the HTTP API and the web login",
    howToGet: "any long random string, e.g. from `openssl rand -hex 32`",
    setupAnchor: "web-app",
  },
  JOBPIPE_FETCH_ALLOW: {
    purpose: "hosts or CIDRs exempt from the private-address block",
    howToGet: "a comma list such as 127.0.0.1,10.0.0.0/8",
    setupAnchor: "fetching",
  },
  JOBPIPE_FETCH_TIMEOUT: {
    purpose: "seconds a page fetch may take in all",
    howToGet: "a positive number, default 30",
    setupAnchor: "fetching",
  },
  JOBPIPE_REQUIRE: {
    purpose: "integrations that must be configured",
    howToGet: "a comma list of openai and trello",
    setupAnchor: "requiring-integrations",
  },
  LOG_LEVEL: {
    purpose: "how much jobpipe logs",
    howToGet: "one of fatal, error, warn, info, debug, trace, silent",
    setupAnchor: "logs",
  },
  LOG_FILE: { purpose: "the JSON log file", howToGet: "a writable file path", setupAnchor: "logs" },
};
