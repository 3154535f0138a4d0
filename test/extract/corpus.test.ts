/**
 * Real saved pages from ../shared/corpus/pages (JOBPIPE_CORPUS_DIR): title and company must come
 * out right. The expected values were read off each page by hand.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractJob } from "../../src/extract/index.js";

const corpusDir = process.env.JOBPIPE_CORPUS_DIR ?? path.resolve("../shared/corpus");

const cases: Array<[file: string, url: string, title: string, company: string]> = [
  [
    "careers-amazon/bananalyzer_2482000_sde-amazon-access.html",
    "https://www.amazon.jobs/en/jobs/2482000/software-development-engineer-amazon-access",
    "Software Development Engineer, Amazon Access",
    "Amazon",
  ],
  [
    "careers-apple/bananalyzer_200517170_engineering-manager-camera.html",
    "https://jobs.apple.com/en-us/details/200517170/engineering-manager-camera-foundation",
    "Engineering Manager, Camera Foundation",
    "Apple",
  ],
  [
    "careers-cliffordchance/bananalyzer_people-services-systems-senior-manager-london.html",
    "https://jobs.cliffordchance.com/job/people-services-systems-senior-manager-in-london-jid-1549",
    "People Services Systems Senior Manager",
    "Clifford Chance",
  ],
  [
    "careers-meta/bananalyzer_271783205502889_research-scientist.html",
    "https://www.metacareers.com/jobs/271783205502889/",
    "Research Scientist - Generative AI",
    "Meta",
  ],
  [
    "careers-openai/bananalyzer_head-of-commercial-legal.html",
    "https://openai.com/careers/head-of-commercial-legal",
    "Head of Commercial Legal",
    "OpenAI",
  ],
  [
    "careers-stripe/bananalyzer_5403149_account-executive.html",
    "https://stripe.com/jobs/listing/account-executive-commercial/5403149",
    "Account Executive, Mid Market",
    "Stripe",
  ],
  [
    "careers-doordash/bananalyzer_5462166_electrical-engineer.html",
    "https://careers.doordash.com/jobs/5462166",
    "Electrical Engineer",
    "DoorDash",
  ],
  [
    "company-careers-vercel/data-scientist-us-4554464004.html",
    "https://vercel.com/careers/data-scientist-us-4554464004",
    "Data Scientist",
    "Vercel",
  ],
  [
    "greenhouse/anthropic_4182383008_boards.greenhouse.io.html",
    "https://boards.greenhouse.io/anthropic/jobs/4182383008",
    "Machine Learning Systems Engineer, RL Engineering",
    "Anthropic",
  ],
  [
    "greenhouse/bananalyzer_reddit_5245144_boards.greenhouse.io.html",
    "https://boards.greenhouse.io/reddit/jobs/5245144",
    "Engineering Manager, Service Foundation",
    "Reddit",
  ],
  [
    "indeed/coverletterer_indeed_job.html",
    "https://au.indeed.com/viewjob?jk=54f1f8af68d722d2",
    "Senior DevOps Engineer",
    "PaperCut Software",
  ],
  [
    "lever/bananalyzer_har_palantir_32579f9c_program-manager.html",
    "https://jobs.lever.co/palantir/32579f9c-0088-40cb-bb0b-ed45a35bcb19",
    "Program Manager - Commercial Deployments",
    "Palantir Technologies",
  ],
  [
    "lever/xsolla_apply.html",
    "https://jobs.lever.co/xsolla/e6b20ba5-c5b0-4e16-beaa-f2670f031502/apply",
    "Front End Engineer",
    "Xsolla",
  ],
  [
    "linkedin/coverletterer_linkedin_job.html",
    "https://au.linkedin.com/jobs/view/senior-software-engineer-developer-experience-at-heidi-4411867124",
    "Senior Software Engineer - Developer Experience",
    "Heidi",
  ],
  [
    "linkedin/jobdog_linkedin_3915648739_openai.html",
    "https://www.linkedin.com/jobs/view/machine-learning-engineer-applied-ai-at-openai-3915648739",
    "Machine Learning Engineer, Applied AI",
    "OpenAI",
  ],
  [
    "phenom/bananalyzer_har_virgingalactic_1525_it-support-specialist-ii.html",
    "https://vgcareers.virgingalactic.com/global/en/job/1525/IT-Support-Specialist-II",
    "IT Support Specialist II",
    "Virgin Galactic",
  ],
  [
    "selectminds/bananalyzer_dlapiper_attorney-4813.html",
    "https://dlapiperus.referrals.selectminds.com/jobs/attorney-non-partnership-4813",
    "Attorney (Non-Partnership)",
    "DLA Piper",
  ],
  [
    "welcometothejungle/jobbsy_famileo_backend-php-symfony_saint-malo_2025.html",
    "https://www.welcometothejungle.com/fr/companies/famileo/jobs/developpeur-backend-php-symfony-h-f_saint-malo",
    "Développeur Backend PHP / Symfony (H/F)",
    "Famileo",
  ],
  [
    "workatastartup/bananalyzer_62396_mintlify-founding-product-designer.html",
    "https://www.workatastartup.com/jobs/62396",
    "Founding Product Designer",
    "Mintlify",
  ],
  [
    "workday/bananalyzer_hoganlovells_R235640.html",
    "https://hoganlovells.wd3.myworkdayjobs.com/en-US/Search/job/New-York/Marketing-and-Business-Development-Coordinator_R235640",
    "Marketing and Business Development Coordinator",
    "Hogan Lovells",
  ],
  [
    "workday/bananalyzer_3m_R01128732.html",
    "https://3m.wd1.myworkdayjobs.com/en-US/Search/job/Process-Improvement-PMO-II_R01128732",
    "Process Improvement PMO II",
    "3M",
  ],
];

describe.skipIf(!fs.existsSync(path.join(corpusDir, "pages")))("extractJob on real pages", () => {
  it.each(cases)("%s", (file, url, title, company) => {
    const job = extractJob(fs.readFileSync(path.join(corpusDir, "pages", file), "utf8"), { url });
    expect(job.title).toBe(title);
    expect(job.company).toBe(company);
    expect(job.description.length).toBeGreaterThan(100);
  });
});
