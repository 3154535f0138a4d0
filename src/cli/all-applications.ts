import type { Application, Stage } from "../core/index.js";
import type { Services } from "../main.js";

/** Every stored application (optionally of one stage), newest first, read page by page. */
export async function allApplications(
  services: Services,
  stage: Stage | null = null,
): Promise<Application[]> {
  const applications: Application[] = [];
  let cursor: string | null = null;
  do {
    const page = await services.store.applications.list({ stage, limit: 200, cursor });
    for (const row of page.rows) applications.push(await services.store.toApplication(row));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return applications;
}
