/** The parts of Trello's objects jobpipe reads (../shared/corpus/specs/trello/trello-openapi.json). */

export interface TrelloMember {
  id: string;
  username: string;
  fullName: string;
}

export interface TrelloBoard {
  id: string;
  name: string;
  url: string;
  shortLink: string;
}

export interface TrelloList {
  id: string;
  name: string;
  closed: boolean;
  pos: number;
}

export interface TrelloLabel {
  id: string;
  name: string;
  color: string | null;
}

export interface TrelloAttachment {
  id: string;
  name: string;
  url: string;
  mimeType: string;
  isUpload: boolean;
  bytes: number | null;
}

export interface TrelloCard {
  id: string;
  name: string;
  desc: string;
  idList: string;
  idBoard: string;
  idLabels: string[];
  url: string;
  shortUrl: string;
  closed: boolean;
  due: string | null;
  /** Present when requested with `attachments=true`. */
  attachments?: TrelloAttachment[];
}

export interface TrelloComment {
  id: string;
  date: string;
}

export interface NewTrelloCard {
  idList: string;
  name: string;
  desc?: string;
  /** A URL attached to the card as it is created (one call instead of two). */
  urlSource?: string;
  idLabels?: readonly string[];
  /** ISO-8601 date-time. */
  due?: string;
  pos?: "top" | "bottom" | number;
}

export interface TrelloCardChanges {
  name?: string;
  desc?: string;
  idList?: string;
  idLabels?: readonly string[];
  closed?: boolean;
  /** ISO-8601 date-time, or null to clear. */
  due?: string | null;
  pos?: "top" | "bottom" | number;
}

export interface TrelloFileUpload {
  fileName: string;
  mimeType: string;
  data: Uint8Array;
  /** Attachment name shown on the card; defaults to the file name. */
  name?: string;
}
