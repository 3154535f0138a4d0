/**
 * Labels a posting's card carries — its workplace (Remote, Hybrid, On-site) and where it was read
 * from (the extractor's source) — found on the board by name (any case) or created once when missing.
 * Concurrent requests for the same label share one creation.
 */
import type { Job } from "../core/index.js";
import type { TrelloClient } from "./trello-client.js";
import type { TrelloLabel } from "./trello-types.js";

export interface WantedLabel {
  name: string;
  color: string;
}

const workplaceLabels: Record<NonNullable<Job["workplace"]>, WantedLabel> = {
  remote: { name: "Remote", color: "green" },
  hybrid: { name: "Hybrid", color: "yellow" },
  onsite: { name: "On-site", color: "orange" },
};

/** The labels a job's card should have. */
export function labelsForJob(job: Pick<Job, "workplace" | "source">): WantedLabel[] {
  const wanted: WantedLabel[] = [];
  if (job.workplace) wanted.push(workplaceLabels[job.workplace]);
  const source = job.source.trim();
  if (source) wanted.push({ name: source.slice(0, 40), color: "sky" });
  return wanted;
}

export interface BoardLabels {
  /** Ids of the wanted labels, creating those the board lacks. */
  idsFor(
    wanted: readonly WantedLabel[],
    options?: { signal?: AbortSignal; retry?: boolean },
  ): Promise<string[]>;
}

export function createBoardLabels(client: TrelloClient, boardId: string): BoardLabels {
  let loading: Promise<TrelloLabel[]> | null = null;
  const creating = new Map<string, Promise<TrelloLabel>>();

  const load = (options: { signal?: AbortSignal; retry?: boolean }) => {
    if (!loading) {
      loading = client.getLabels(boardId, options);
      // A failed load is forgotten so the next call tries again.
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  };

  const ensure = async (label: WantedLabel, options: { signal?: AbortSignal; retry?: boolean }) => {
    const key = label.name.toLowerCase();
    const existing = (await load(options)).find((candidate) => candidate.name.toLowerCase() === key);
    if (existing) return existing;
    let pending = creating.get(key);
    if (!pending) {
      pending = client.createLabel(boardId, label.name, label.color, options).then(async (created) => {
        (await load(options)).push(created);
        return created;
      });
      pending.catch(() => undefined).finally(() => creating.delete(key));
      creating.set(key, pending);
    }
    return pending;
  };

  return {
    async idsFor(wanted, options = {}) {
      const labels = await Promise.all(wanted.map((label) => ensure(label, options)));
      return labels.map((label) => label.id);
    },
  };
}
