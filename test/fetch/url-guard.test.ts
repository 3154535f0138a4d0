import { describe, expect, it } from "vitest";
import {
  checkPostingUrl,
  createAddressPolicy,
  isPublicAddress,
  parsePostingUrl,
} from "../../src/fetch/url-guard.js";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

function syncCode(run: () => unknown): string {
  try {
    run();
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

describe("parsePostingUrl", () => {
  it("accepts http and https", () => {
    expect(parsePostingUrl(" https://jobs.example.com/1 ").href).toBe("https://jobs.example.com/1");
  });
  it.each([
    ["file:///etc/passwd", "JOBPIPE_ERR_UNSUPPORTED_SCHEME"],
    ["javascript:alert(1)", "JOBPIPE_ERR_UNSUPPORTED_SCHEME"],
    ["data:text/html,hi", "JOBPIPE_ERR_UNSUPPORTED_SCHEME"],
    ["ftp://example.com/x", "JOBPIPE_ERR_UNSUPPORTED_SCHEME"],
    ["not a url", "JOBPIPE_ERR_INVALID_URL"],
    ["", "JOBPIPE_ERR_INVALID_URL"],
    [`https://example.com/${"a".repeat(9000)}`, "JOBPIPE_ERR_INVALID_URL"],
    ["https://user:pass@example.com/", "JOBPIPE_ERR_URL_CREDENTIALS"],
    ["https://user@example.com/", "JOBPIPE_ERR_URL_CREDENTIALS"],
  ])("refuses %s", (input, code) => {
    expect(syncCode(() => parsePostingUrl(input))).toBe(code);
  });
});

describe("private address checks", () => {
  const noDns = async () => {
    throw new Error("no DNS for IP literals");
  };
  it.each([
    "http://127.0.0.1/",
    "http://127.1/",
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0177.0.0.1/",
    "http://0.0.0.0/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.100.100.200/",
    "http://[::1]/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[fe80::1]/",
    "http://[fd00:ec2::254]/",
  ])("refuses %s", async (url) => {
    expect(await codeOf(checkPostingUrl(url, { allow: [], lookup: noDns }))).toBe(
      "JOBPIPE_ERR_PRIVATE_ADDRESS",
    );
  });

  it("refuses a host when any resolved address is private", async () => {
    const lookup = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.0.0.5", family: 4 },
    ];
    expect(await codeOf(checkPostingUrl("https://rebind.example/", { allow: [], lookup }))).toBe(
      "JOBPIPE_ERR_PRIVATE_ADDRESS",
    );
  });

  it("accepts a public host", async () => {
    const lookup = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "2606:2800:220:1::1", family: 6 },
    ];
    const url = await checkPostingUrl("https://jobs.example/", { allow: [], lookup });
    expect(url.hostname).toBe("jobs.example");
  });

  it("honours the allow list by IP, CIDR and host name", async () => {
    expect((await checkPostingUrl("http://127.0.0.1:3000/", { allow: ["127.0.0.1"] })).port).toBe("3000");
    expect((await checkPostingUrl("http://10.2.3.4/", { allow: ["10.0.0.0/8"] })).hostname).toBe("10.2.3.4");
    const lookup = async () => [{ address: "192.168.0.9", family: 4 }];
    expect(
      (await checkPostingUrl("http://intranet.local/", { allow: ["intranet.local"], lookup })).hostname,
    ).toBe("intranet.local");
    expect(await codeOf(checkPostingUrl("http://10.2.3.4/", { allow: ["127.0.0.1"] }))).toBe(
      "JOBPIPE_ERR_PRIVATE_ADDRESS",
    );
  });

  it("reports DNS failures with a code", async () => {
    const lookup = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    expect(await codeOf(checkPostingUrl("https://nowhere.invalid/", { allow: [], lookup }))).toBe(
      "JOBPIPE_ERR_DNS",
    );
  });

  it("classifies addresses", () => {
    expect(isPublicAddress("8.8.8.8")).toBe(true);
    expect(isPublicAddress("::ffff:8.8.8.8")).toBe(true);
    expect(isPublicAddress("2001:4860:4860::8888")).toBe(true);
    expect(isPublicAddress("fc00::1")).toBe(false);
    expect(createAddressPolicy(["::1"]).isAllowed("localhost", "::1")).toBe(true);
  });
});
