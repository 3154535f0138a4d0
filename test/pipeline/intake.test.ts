import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/index.js";
import type { LookupFunction } from "../../src/fetch/index.js";
import { checkUrlAtIntake } from "../../src/main.js";

const unresolvable: LookupFunction = async (hostname) => {
  throw new AppError("JOBPIPE_ERR_DNS", `Cannot resolve ${hostname}`);
};
const privateName: LookupFunction = async () => [{ address: "10.0.0.7", family: 4 }];

describe("checkUrlAtIntake", () => {
  it("accepts a name that doesn't resolve right now, so the posting is stored and retried", async () => {
    await expect(checkUrlAtIntake("https://jobs.example.org/1", [], unresolvable)).resolves.toBe(
      "https://jobs.example.org/1",
    );
  });

  it("refuses a name that resolves to a private address", async () => {
    await expect(checkUrlAtIntake("https://intranet.example.org/1", [], privateName)).rejects.toMatchObject({
      code: "JOBPIPE_ERR_PRIVATE_ADDRESS",
    });
  });

  it("still refuses what can never be fetched, whatever DNS says", async () => {
    await expect(checkUrlAtIntake("ftp://jobs.example.org/1", [], unresolvable)).rejects.toMatchObject({
      code: "JOBPIPE_ERR_UNSUPPORTED_SCHEME",
    });
  });
});
