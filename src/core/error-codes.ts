/**
 * Stable error codes, each with the HTTP status the API answers with and whether a retry can help.
 * Codes never change once published: scripts and the web app match on them.
 */
export const errorCodes = {
  // Input the user gave us
  JOBPIPE_ERR_INVALID_URL: { httpStatus: 400, retryable: false },
  JOBPIPE_ERR_UNSUPPORTED_SCHEME: { httpStatus: 400, retryable: false },
  JOBPIPE_ERR_URL_CREDENTIALS: { httpStatus: 400, retryable: false },
  JOBPIPE_ERR_PRIVATE_ADDRESS: { httpStatus: 400, retryable: false },
  JOBPIPE_ERR_INVALID_INPUT: { httpStatus: 400, retryable: false },
  JOBPIPE_ERR_NOT_FOUND: { httpStatus: 404, retryable: false },
  // Fetching the page
  JOBPIPE_ERR_DNS: { httpStatus: 502, retryable: true },
  JOBPIPE_ERR_FETCH_TIMEOUT: { httpStatus: 504, retryable: true },
  JOBPIPE_ERR_FETCH_NETWORK: { httpStatus: 502, retryable: true },
  JOBPIPE_ERR_FETCH_HTTP_STATUS: { httpStatus: 502, retryable: false },
  JOBPIPE_ERR_TOO_MANY_REDIRECTS: { httpStatus: 502, retryable: false },
  JOBPIPE_ERR_PAGE_TOO_LARGE: { httpStatus: 413, retryable: false },
  JOBPIPE_ERR_NOT_HTML: { httpStatus: 415, retryable: false },
  JOBPIPE_ERR_LOGIN_WALL: { httpStatus: 422, retryable: false },
  // Reading the page
  JOBPIPE_ERR_NOT_A_JOB_PAGE: { httpStatus: 422, retryable: false },
  // Profile
  JOBPIPE_ERR_PROFILE_UNREADABLE: { httpStatus: 422, retryable: false },
  // Letter model
  JOBPIPE_ERR_LLM_AUTH: { httpStatus: 502, retryable: false },
  JOBPIPE_ERR_LLM_BAD_REQUEST: { httpStatus: 502, retryable: false },
  JOBPIPE_ERR_LLM_RATE_LIMITED: { httpStatus: 503, retryable: true },
  JOBPIPE_ERR_LLM_UNAVAILABLE: { httpStatus: 503, retryable: true },
  JOBPIPE_ERR_LLM_EMPTY_RESPONSE: { httpStatus: 502, retryable: true },
  // Trello
  JOBPIPE_ERR_TRELLO_AUTH: { httpStatus: 502, retryable: false },
  JOBPIPE_ERR_TRELLO_BAD_REQUEST: { httpStatus: 502, retryable: false },
  JOBPIPE_ERR_TRELLO_NOT_FOUND: { httpStatus: 502, retryable: false },
  JOBPIPE_ERR_TRELLO_RATE_LIMITED: { httpStatus: 503, retryable: true },
  JOBPIPE_ERR_TRELLO_UNAVAILABLE: { httpStatus: 503, retryable: true },
  // Documents
  JOBPIPE_ERR_DOCX_RENDER: { httpStatus: 500, retryable: true },
  JOBPIPE_ERR_PDF_RENDER: { httpStatus: 500, retryable: true },
  // Configuration and storage
  JOBPIPE_ERR_CONFIG: { httpStatus: 500, retryable: false },
  JOBPIPE_ERR_DATABASE: { httpStatus: 500, retryable: false },
  JOBPIPE_ERR_INTERNAL: { httpStatus: 500, retryable: false },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCodes;
