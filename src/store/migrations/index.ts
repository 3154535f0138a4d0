/** Every migration, in order. Names sort by their number; never rename or edit a released one. */
import type { Migration, MigrationProvider } from "kysely";
import * as initial from "./0001-initial.js";
import * as cardAttachments from "./0002-card-attachments.js";
import * as leasesProfilesCosts from "./0003-leases-profiles-costs.js";
import * as postingKey from "./0004-posting-key.js";

const migrations: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-card-attachments": cardAttachments,
  "0003-leases-profiles-costs": leasesProfilesCosts,
  "0004-posting-key": postingKey,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
