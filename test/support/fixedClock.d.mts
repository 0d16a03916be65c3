export const FIXED_NOW: string;
export const FIXED_CLOCK_ENV: Readonly<{ ODM_TEST_NOW: string }>;
