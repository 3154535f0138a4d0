export const atsNames = ["greenhouse", "lever", "ashby", "workable", "smartrecruiters", "recruitee"] as const;
export type AtsName = (typeof atsNames)[number];
