/** A fetched (or user-supplied) posting page. */

export interface Page {
  /** The URL the page was requested as. */
  requestedUrl: string;
  /** The URL after redirects. */
  finalUrl: string;
  /** HTTP status, or null when the user supplied the page. */
  status: number | null;
  contentType: string | null;
  /** The body decoded to text. */
  body: string;
}
