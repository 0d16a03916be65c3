// The instant every test that runs the extension (integration, UI) takes as "now": the harness
// passes it to the extension host as ODM_TEST_NOW (src/services/clock.ts). It is the unit tests'
// NOW too. In the example plan (examples/contoso-to-fabrikam) both sides requested the EUR→EUR
// trust on 2026-11-20 (the later at 11:45Z), so at this instant that trust is dormant, usable in
// 3d 23h (on 2026-11-27T11:45:00Z). Plain ESM so that the .mjs harness can import it too.
export const FIXED_NOW = '2026-11-23T12:00:00Z';

/** The environment that fixes the extension's clock at FIXED_NOW. */
export const FIXED_CLOCK_ENV = Object.freeze({ ODM_TEST_NOW: FIXED_NOW });
