/**
 * Leases on applications, so two jobpipe processes sharing one database never run the same
 * application's steps at once. A lease is taken with one conditional UPDATE (atomic in SQLite and
 * PostgreSQL alike); it is free when nobody holds it, when it has expired, or when its holder is a
 * process on this machine that no longer exists (a `kill -9` must not block the next run).
 */
import { hostname } from "node:os";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export class ApplicationLeases {
  constructor(
    private readonly database: Kysely<Database>,
    /** "host:pid:nonce" of this process. */
    readonly owner: string,
  ) {}

  /** Takes (or renews) the lease until `expiresAt`. false: another live process holds it. */
  async acquire(id: string, now: string, expiresAt: string): Promise<boolean> {
    const row = await this.database
      .selectFrom("applications")
      .select(["lease_owner", "lease_expires_at"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return false;
    const holder = row.lease_owner;
    const free =
      holder === null || holder === this.owner || (row.lease_expires_at ?? "") < now || !isAlive(holder);
    if (!free) return false;
    const result = await this.database
      .updateTable("applications")
      .set({ lease_owner: this.owner, lease_expires_at: expiresAt })
      .where("id", "=", id)
      .where((expression) =>
        holder === null ? expression("lease_owner", "is", null) : expression("lease_owner", "=", holder),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async release(id: string): Promise<void> {
    await this.database
      .updateTable("applications")
      .set({ lease_owner: null, lease_expires_at: null })
      .where("id", "=", id)
      .where("lease_owner", "=", this.owner)
      .execute();
  }
}

export function leaseOwnerName(nonce: string): string {
  return `${hostname()}:${process.pid}:${nonce}`;
}

/** A holder on another machine is taken to be alive until its lease expires. */
function isAlive(owner: string): boolean {
  const [host, pid] = owner.split(":");
  if (host !== hostname() || pid === undefined) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
