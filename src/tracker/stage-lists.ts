/**
 * Which Trello list holds each stage: configured list ids first, else a list on the board whose
 * name matches the stage or a common synonym (case-, space- and emoji-insensitive).
 */
import type { Stage } from "../core/index.js";
import type { TrelloList } from "./trello-types.js";

export const stageListNames: Record<Stage, readonly string[]> = {
  saved: [
    "saved",
    "save",
    "wishlist",
    "wish list",
    "to apply",
    "interested",
    "bookmarked",
    "backlog",
    "new",
    "inbox",
  ],
  applied: ["applied", "application sent", "applications sent", "submitted", "sent"],
  interviewing: ["interviewing", "interview", "interviews", "in interview", "phone screen", "in progress"],
  offer: ["offer", "offers", "offer received", "offered"],
  rejected: ["rejected", "rejection", "rejections", "declined", "not selected", "no"],
  withdrawn: ["withdrawn", "withdrew", "withdraw", "not interested", "passed"],
};

/** The open list for a stage, or null when no list name matches. */
export function findStageList(stage: Stage, lists: readonly TrelloList[]): TrelloList | null {
  const open = lists.filter((list) => !list.closed);
  for (const name of stageListNames[stage]) {
    const match = open.find((list) => normaliseListName(list.name) === name);
    if (match) return match;
  }
  return null;
}

/** The stage a list stands for, by name, or null. */
export function stageOfList(list: TrelloList): Stage | null {
  const name = normaliseListName(list.name);
  for (const [stage, names] of Object.entries(stageListNames) as [Stage, readonly string[]][]) {
    if (names.includes(name)) return stage;
  }
  return null;
}

export function normaliseListName(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
